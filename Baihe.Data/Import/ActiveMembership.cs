namespace Baihe.Data.Import;

/// <summary>A current roster place (not left) in the community, as the import compares it.</summary>
internal sealed record ActiveMembership
{
    public int TeamId { get; init; }
    public int MemberId { get; init; }
    public string Role { get; init; } = "";
    public string Name { get; init; } = "";
}
