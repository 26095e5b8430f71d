using Baihe.Data.Accounts;

namespace Baihe.Data.Notifications;

/// <summary>
/// Who may read and mark a notification: only the user it was written to. <see cref="NotificationCommands"/> asks
/// inside its transaction and the notification pages ask before they offer 标为已读; the list queries read only the
/// signed-in user's rows.
/// </summary>
public static class NotificationRules
{
    /// <summary>Reading or marking a notification: its own user, and nobody else (an administrator neither).</summary>
    public static bool CanRead(Actor actor, NotificationOwner notification) => actor.UserId > 0 && notification.UserId == actor.UserId;

    /// <summary>Choosing which kinds to receive: every signed-in account, for itself.</summary>
    public static bool CanChoose(Actor actor) => actor.UserId > 0;
}
