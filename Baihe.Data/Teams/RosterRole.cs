namespace Baihe.Data.Teams;

/// <summary>Roles on a roster as stored in <c>Membership.Role</c>.</summary>
public static class RosterRole
{
    public const string Lead = "Lead";
    public const string Deputy = "Deputy";
    public const string Member = "Member";

    public static readonly IReadOnlyList<string> All = [Lead, Deputy, Member];
}
