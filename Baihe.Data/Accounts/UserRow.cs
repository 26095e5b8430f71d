
namespace Baihe.Data.Accounts;

/// <summary>A user account with its scope.</summary>
public sealed record UserRow
{
    public int Id { get; init; }
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public string Role { get; init; } = "";
    public int? SubDistrictId { get; init; }
    public int? CommunityId { get; init; }
    public int? TeamId { get; init; }
    public string? Scope { get; init; }
    public bool IsDisabled { get; init; }
    public bool IsDemo { get; init; }
    public int FailedSignIns { get; init; }
    public DateTime? LockedUntil { get; init; }
    public string SecurityStamp { get; init; } = "";
    public long RowVersion { get; init; }

    /// <summary>When the account last signed in successfully (server time), or null if it never has.</summary>
    public DateTime? LastSignInAt { get; init; }

    /// <summary>The client address of that sign-in, as the server saw it after trusted proxies.</summary>
    public string? LastSignInIp { get; init; }

    /// <summary>True after an administrator's reset: the user may do nothing but choose a new password.</summary>
    public bool MustChangePassword { get; init; }

    /// <summary>Where the account receives notification email, or null for none.</summary>
    public string? Email { get; init; }

    /// <summary>The account's own switch 同时发送邮件 (on unless the user turned it off).</summary>
    public bool EmailNotifications { get; init; } = true;
}
