namespace Baihe.Data.Certificates;

/// <summary>A certificate as issued (every line it states), with its state in the register.</summary>
public sealed record CertificateRow
{
    public int Id { get; init; }
    public int CommunityId { get; init; }
    public int Year { get; init; }
    public int Seq { get; init; }
    public string Number { get; init; } = "";
    public int MemberId { get; init; }
    public string VolunteerName { get; init; } = "";
    public string IdType { get; init; } = "";
    public string IdNumberMasked { get; init; } = "";
    public string VolunteerNo { get; init; } = "";
    public DateTime PeriodFrom { get; init; }
    public DateTime PeriodTo { get; init; }
    public int ServiceMinutes { get; init; }
    public int ServiceCount { get; init; }
    public string Content { get; init; } = "";
    public string Organisation { get; init; } = "";
    public string Principal { get; init; } = "";
    public string Handler { get; init; } = "";
    public string Contact { get; init; } = "";
    public DateTime IssuedOn { get; init; }
    public DateTime IssuedAt { get; init; }
    public string? IssuedBy { get; init; }
    public string Status { get; init; } = "";
    public DateTime? VoidedAt { get; init; }
    public string? VoidedBy { get; init; }
    public string? VoidReason { get; init; }

    /// <summary>Whether the certificate was voided (作废); it stays in the register.</summary>
    public bool IsVoided => Status == CertificateStatus.Voided;
}
