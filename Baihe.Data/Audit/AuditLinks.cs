namespace Baihe.Data.Audit;

/// <summary>The page of the record an audit row names, where it has one of its own.</summary>
public static class AuditLinks
{
    /// <summary>A relative link to the record, or null (no page of its own, or no id).</summary>
    public static string? For(string entityType, string? entityId)
    {
        if (entityId is null || !int.TryParse(entityId, out var id) || id <= 0)
        {
            return null;
        }
        return entityType switch
        {
            "Team" => $"teams/{id}",
            "Member" => $"members/{id}",
            "ResidentTask" => $"tasks/{id}",
            "MicroWish" => $"wishes/{id}",
            "Activity" => $"activities/{id}",
            "ServiceCertificate" => $"certificates/{id}",
            "ReportArchive" => $"reports/archive/{id}",
            _ => null,
        };
    }
}
