using System.Security.Claims;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Microsoft.AspNetCore.Identity;

namespace Baihe.Dashboard.Services.Auth;

/// <summary>
/// Checks a user name and password. Every failure (unknown user, wrong password, locked or disabled account)
/// returns the same null after the same work, so the answer says nothing about which accounts exist.
/// </summary>
public sealed class SignInService(UserQueries users, UserCommands commands, BaiheClock clock, ILogger<SignInService> log)
{
    /// <summary>The one message every failed sign-in shows.</summary>
    public const string FailureMessage = "用户名或密码错误，或账户已被暂时锁定。连续输错 5 次将锁定 15 分钟。";

    private static readonly PasswordHasher<UserRow> Hasher = new();

    // Verified against when the user does not exist, so an unknown name costs the same hashing time.
    private static readonly string DummyHash = Hasher.HashPassword(new UserRow(), Guid.NewGuid().ToString());

    /// <summary>Hashes a new password (PBKDF2, as ASP.NET Core Identity does).</summary>
    public static string Hash(string password) => Hasher.HashPassword(new UserRow(), password);

    /// <summary>True when the password matches the stored hash.</summary>
    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(new UserRow(), hash, password) != PasswordVerificationResult.Failed;

    /// <summary>The user when the name and password are right and the account may sign in; otherwise null.</summary>
    /// <remarks>A good sign-in is recorded with its time and <paramref name="ip"/>, which administrators see.</remarks>
    public async Task<UserRow?> CheckAsync(string? userName, string? password, CancellationToken ct = default, string? ip = null)
    {
        var user = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByUserNameAsync(userName, ct);
        var passwordOk = Verify(user?.PasswordHash ?? DummyHash, password ?? "");
        if (user is null)
        {
            log.LogWarning("Sign-in refused for unknown user name");
            return null;
        }
        var locked = user.LockedUntil is DateTime until && until > clock.Now;
        if (!passwordOk)
        {
            if (user.LockedUntil is not null && !locked)
            {
                // The lock has run out: the count starts again, or the counter still at 5 would lock again at once.
                await commands.RecordSuccessAsync(user.Id, ct);
            }
            await commands.RecordFailureAsync(user.Id, ct);
            log.LogWarning("Sign-in refused for user {UserId}: wrong password", user.Id);
            return null;
        }
        if (locked || user.IsDisabled)
        {
            log.LogWarning("Sign-in refused for user {UserId}: {Reason}", user.Id, locked ? "locked" : "disabled");
            return null;
        }
        await commands.RecordSignInAsync(user.Id, ip, ct);
        return user;
    }

    /// <summary>True while the principal still matches its account: it exists, is enabled, and its stamp is current.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (BaiheClaims.ToActor(principal) is not { } actor)
        {
            return false;
        }
        var stamp = await users.StampAsync(actor.UserId, ct);
        return stamp is { IsDisabled: false } && stamp.SecurityStamp == principal.FindFirstValue(BaiheClaims.Stamp);
    }
}
