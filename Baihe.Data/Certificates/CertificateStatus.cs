namespace Baihe.Data.Certificates;

/// <summary>The codes of <c>ServiceCertificate.Status</c> and their Chinese labels.</summary>
public static class CertificateStatus
{
    public const string Issued = "Issued";
    public const string Voided = "Voided";

    /// <summary>The Chinese label of a status.</summary>
    public static string Label(string status) => status switch
    {
        Issued => "有效",
        Voided => "已作废",
        _ => status,
    };
}
