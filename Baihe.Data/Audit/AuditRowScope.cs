namespace Baihe.Data.Audit;

/// <summary>What a rule needs to know about an audit row: the community it is about (null: no community) and its 街道.</summary>
public sealed record AuditRowScope
{
    public int? CommunityId { get; init; }
    public int? SubDistrictId { get; init; }
}
