namespace Baihe.Data.Accounts;

/// <summary>Roles as stored in <c>AppUser.Role</c>.</summary>
public static class Roles
{
    /// <summary>街道干部: read-only across the communities of a sub-district.</summary>
    public const string Official = "Official";

    /// <summary>社区书记: everything in one community.</summary>
    public const string Secretary = "Secretary";

    /// <summary>队长: their own team.</summary>
    public const string Lead = "Lead";

    /// <summary>管理员: accounts and roles.</summary>
    public const string Admin = "Admin";

    /// <summary>Every role, in the order the UI lists them.</summary>
    public static readonly IReadOnlyList<string> All = [Official, Secretary, Lead, Admin];

    /// <summary>The Chinese name of a role.</summary>
    public static string Label(string role) => role switch
    {
        Official => "街道干部",
        Secretary => "社区书记",
        Lead => "队长",
        Admin => "管理员",
        _ => role,
    };

    /// <summary>Whether an account of this role has no community, sub-district or team (an administrator).</summary>
    public static bool IsUnscoped(string role) => role == Admin;
}
