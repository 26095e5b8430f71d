using Baihe.Data.Accounts;
using Baihe.Data.Database;

namespace Baihe.Data.Notifications;

/// <summary>
/// A user's own notification state: marking read and choosing which kinds to receive. A notification id that does
/// not exist or is someone else's is refused and audited (<see cref="NotificationRules.CanRead"/>). Marking read is not
/// audited when it succeeds: it changes only what the user's own bell shows, and one audit row per click would bury
/// the log; the preference change is audited, since it decides what the user will be told.
/// </summary>
public sealed class NotificationCommands(DbConnectionFactory db, BaiheClock clock)
{
    private const string NoNotification = "找不到这条通知。";

    private const string OwnerSql = "SELECT Id, UserId FROM Notification WHERE Id = @Id;";

    private const string MarkReadSql = "UPDATE Notification SET ReadAt = @Now WHERE Id = @Id AND ReadAt IS NULL;";

    private const string MarkAllReadSql = "UPDATE Notification SET ReadAt = @Now WHERE UserId = @UserId AND ReadAt IS NULL;";

    private const string DeletePreferencesSql = "DELETE FROM NotificationPreference WHERE UserId = @UserId;";

    private const string InsertPreferenceSql = "INSERT INTO NotificationPreference (UserId, Kind, Enabled) VALUES (@UserId, @Kind, @Enabled);";

    /// <summary>Marks one of the actor's notifications read (already read is fine: opening it twice is not an error).</summary>
    public Task<CommandResult> MarkReadAsync(Actor actor, int notificationId, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, NotificationWriter.Area, async w =>
        {
            var owner = await w.SingleOrDefaultAsync<NotificationOwner>(OwnerSql, new { Id = notificationId });
            if (owner is null || !NotificationRules.CanRead(actor, owner))
            {
                // Someone else's notification is refused with the same words as a missing one: an id tells nothing.
                throw await w.DeniedAsync("Notification.Read", "Notification", notificationId, null, NoNotification);
            }
            await w.ExecuteAsync(MarkReadSql, new { Id = notificationId, w.Now });
            return CommandResult.Success(notificationId);
        }, ct);

    /// <summary>全部标为已读: marks every unread notification of the actor read; returns how many in the result's id.</summary>
    public Task<CommandResult> MarkAllReadAsync(Actor actor, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, NotificationWriter.Area, async w =>
        {
            if (!NotificationRules.CanChoose(actor))
            {
                throw await w.DeniedAsync("Notification.ReadAll", "AppUser", actor.UserId, null);
            }
            var marked = await w.ExecuteAsync(MarkAllReadSql, new { actor.UserId, w.Now });
            return CommandResult.Success(marked);
        }, ct);

    /// <summary>Stores which kinds the actor receives; a kind left out of <paramref name="enabled"/> keeps being received.</summary>
    public Task<CommandResult> SavePreferencesAsync(Actor actor, IReadOnlyDictionary<string, bool> enabled, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            if (!NotificationRules.CanChoose(actor))
            {
                throw await w.DeniedAsync("Notification.Preferences", "AppUser", actor.UserId, enabled);
            }
            if (enabled.Keys.FirstOrDefault(k => !NotificationKinds.All.Contains(k)) is { } unknown)
            {
                throw await w.DeniedAsync("Notification.Preferences", "AppUser", actor.UserId, enabled, $"没有“{unknown}”这类通知。");
            }
            await w.ExecuteAsync(DeletePreferencesSql, new { actor.UserId });
            await w.ExecuteAsync(InsertPreferenceSql, enabled.Select(p => new { actor.UserId, Kind = p.Key, Enabled = p.Value }));
            w.Audit("Notification.Preferences", "AppUser", actor.UserId, null, enabled);
            return CommandResult.Success(actor.UserId);
        }, ct);
}
