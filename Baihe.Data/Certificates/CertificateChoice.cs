namespace Baihe.Data.Certificates;

/// <summary>The certificate a link asked for, or a Chinese <see cref="Refusal"/>; never both.</summary>
public sealed record CertificateChoice(CertificateRow? Certificate, string? Refusal)
{
    /// <summary>A certificate id that does not exist or belongs to a community the user does not keep.</summary>
    public const string Refused = "找不到这份证明，或您无权查看它。链接可能有误，请从证明登记簿重新进入。";
}
