using System.Security.Cryptography;
using Baihe.Data.Accounts;
using Baihe.Data.Database;

namespace Baihe.Dashboard.Services.Auth;

/// <summary>
/// A user's own password change and an administrator's reset: the checks a person reads as form messages (the two new
/// entries agree, <see cref="PasswordRule"/>), hashing, then the account command that refuses, audits and ends sessions.
/// </summary>
public sealed class PasswordChanger(UserCommands commands, UserQueries users)
{
    // No 0/O, 1/l/I: the administrator reads it out over the phone.
    private const string TemporaryAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Length of a generated temporary password; it must pass <see cref="PasswordRule"/>.</summary>
    public const int TemporaryLength = 12;

    /// <summary>
    /// Changes the signed-in user's password. On success returns the account as now stored (its new stamp), for the
    /// caller to re-issue this session's cookie; every other session of the account has ended.
    /// </summary>
    public async Task<(string? Error, UserRow? User)> ChangeOwnAsync(Actor actor, string? oldPassword, string? newPassword, string? repeated, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(oldPassword))
        {
            return ("请输入原密码。", null);
        }
        if (string.IsNullOrEmpty(newPassword))
        {
            return ("请输入新密码。", null);
        }
        if (PasswordRule.Problem(newPassword) is { } weak)
        {
            // The rule's words name "密码"; here it is the new one.
            return ("新" + weak, null);
        }
        if (newPassword != repeated)
        {
            return ("两次输入的新密码不一致。", null);
        }
        if (newPassword == oldPassword)
        {
            return ("新密码不能与原密码相同。", null);
        }
        CommandResult result;
        try
        {
            result = await commands.ChangeOwnPasswordAsync(actor, hash => SignInService.Verify(hash, oldPassword), SignInService.Hash(newPassword!), ct);
        }
        catch (AccessDeniedException refused)
        {
            if (refused.Message == UserCommands.WrongOldPassword && await commands.RecordPasswordGuessAsync(actor, ct))
            {
                return (UserCommands.LockedByGuesses, null);
            }
            return (refused.Message, null);
        }
        if (!result.Ok)
        {
            return (result.Error ?? "密码刚被修改过，请重新登录后再试。", null);
        }
        return (null, await users.FindByIdAsync(actor.UserId, ct));
    }

    /// <summary>
    /// Gives the account a new random temporary password, to be shown to the administrator once and never stored in
    /// clear; the user must change it at the next sign-in. Returns the password, or the refusal.
    /// </summary>
    public async Task<(string? Error, string? TemporaryPassword)> ResetAsync(Actor actor, int userId, CancellationToken ct = default)
    {
        var temporary = NewTemporaryPassword();
        try
        {
            var result = await commands.ResetPasswordAsync(actor, userId, SignInService.Hash(temporary), ct);
            return result.Ok ? (null, temporary) : (result.Error, null);
        }
        catch (AccessDeniedException refused)
        {
            return (refused.Message, null);
        }
    }

    /// <summary>A random password from an alphabet without look-alike characters.</summary>
    public static string NewTemporaryPassword() => RandomNumberGenerator.GetString(TemporaryAlphabet, TemporaryLength);
}
