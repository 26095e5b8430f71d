namespace Baihe.Data.Certificates;

/// <summary>How a certificate number reads: the community's short name, the year and the sequence, 百合园〔2026〕第0007号.</summary>
public static class CertificateNumber
{
    /// <summary>The number of certificate <paramref name="seq"/> of <paramref name="year"/> in a community.</summary>
    public static string Format(string communityName, int year, int seq)
    {
        var shortName = communityName.EndsWith("社区", StringComparison.Ordinal) && communityName.Length > 2 ? communityName[..^2] : communityName;
        return $"{shortName}〔{year}〕第{seq:0000}号";
    }
}
