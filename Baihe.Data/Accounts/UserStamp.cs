
namespace Baihe.Data.Accounts;

/// <summary>Whether an account is disabled, and its security stamp: what a signed-in session is checked against.</summary>
public sealed record UserStamp
{
    public bool IsDisabled { get; init; }
    public string SecurityStamp { get; init; } = "";
}
