namespace Baihe.Data.Accounts;

/// <summary>
/// Thrown when an actor touches a resource outside their scope, or names one that does not exist (a forged or stale
/// id is refused, never replaced by another record). The refusal is audited first; the message is for the user.
/// </summary>
public sealed class AccessDeniedException(string message) : Exception(message)
{
    /// <summary>The message of a refusal that has no more specific one.</summary>
    public const string DefaultMessage = "您无权执行此操作。";
}
