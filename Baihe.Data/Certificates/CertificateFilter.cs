namespace Baihe.Data.Certificates;

/// <summary>The register's filter as it stands in the link: keyword (name, number, volunteer number), year, status, page.</summary>
public sealed record CertificateFilter(string? Q = null, int? Year = null, string? Status = null, int Page = 1)
{
    /// <summary>Rows per page of the register.</summary>
    public const int PageSize = 20;

    /// <summary>Rows before the page.</summary>
    public int Skip => (Math.Max(1, Page) - 1) * PageSize;
}
