namespace Baihe.Data.Teams;

/// <summary>
/// Adding a member: either an existing resident (<see cref="ExistingMemberId"/>) or a new one (name, phone, grid).
/// Only these fields are read; nothing else a form might post reaches the database.
/// </summary>
public sealed record AddMemberRequest
{
    public int? ExistingMemberId { get; init; }
    public string? Name { get; init; }
    public string? Phone { get; init; }
    public int? GridId { get; init; }
    public string Role { get; init; } = RosterRole.Member;
    public DateTime JoinedOn { get; init; }

    /// <summary>Set after the user has seen the duplicate-resident warning and still wants a new resident.</summary>
    public bool ConfirmDuplicate { get; init; }
}
