namespace Baihe.Data.Members;

/// <summary>A resident of the /members list; <see cref="Phone"/> is already masked unless the reader may see it whole.</summary>
public sealed record MemberListRow
{
    public int MemberId { get; init; }
    public string Name { get; init; } = "";
    public int GridId { get; init; }
    public string Grid { get; init; } = "";
    public string Phone { get; init; } = "";
    public bool IsPartyMember { get; init; }
    public bool IsNeighbourLead { get; init; }
    public string? Skill { get; init; }

    /// <summary>The teams whose roster the resident is on now, in team order.</summary>
    public IReadOnlyList<string> Teams { get; init; } = [];
}
