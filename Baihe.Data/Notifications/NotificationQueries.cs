using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Notifications;

/// <summary>
/// Reads a user's own notifications: the bell's unread count and latest rows, the paged list, and the kinds the
/// user receives. Every query is keyed by the signed-in user's id, so nobody reads another's notifications.
/// </summary>
public sealed class NotificationQueries(DbConnectionFactory db)
{
    /// <summary>How many rows the bell's list shows; the rest are on /notifications.</summary>
    public const int BellRows = 8;

    private const string UnreadSql = "SELECT COUNT(*) FROM Notification WHERE UserId = @UserId AND ReadAt IS NULL;";

    private const string ColumnsFragment = "SELECT n.Id, n.UserId, n.Kind, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt\nFROM Notification n\n";

    private const string WhereFragment = """
        WHERE n.UserId = @UserId AND (@Unread = 0 OR n.ReadAt IS NULL) AND (@Kind IS NULL OR n.Kind = @Kind)
          AND (@Q IS NULL OR n.Title LIKE @Q ESCAPE '\' OR n.Body LIKE @Q ESCAPE '\')

        """;

    private const string PageSqlServer = ColumnsFragment + WhereFragment + "ORDER BY n.Id DESC\nOFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";

    private const string PageSqlite = ColumnsFragment + WhereFragment + "ORDER BY n.Id DESC\nLIMIT @Take OFFSET @Skip;";

    private const string CountSql = "SELECT COUNT(*)\nFROM Notification n\n" + WhereFragment + ";";

    private const string PreferencesSql = "SELECT Kind, Enabled FROM NotificationPreference WHERE UserId = @UserId;";

    /// <summary>How many of the user's notifications are unread.</summary>
    public async Task<int> UnreadCountAsync(int userId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(UnreadSql, new { UserId = userId }, cancellationToken: ct));
    }

    /// <summary>
    /// One page of the user's notifications, newest first, optionally only unread ones, of one kind, or containing
    /// <paramref name="search"/> in the title or text.
    /// </summary>
    public async Task<ListPage<NotificationRow>> PageAsync(int userId, string? search, bool unreadOnly, string? kind, int page, int pageSize,
        CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var args = new
        {
            UserId = userId, Unread = unreadOnly ? 1 : 0, Kind = NotificationKinds.All.Contains(kind ?? "") ? kind : null,
            Q = SearchText.Contains(search), Skip = (page - 1) * pageSize, Take = pageSize,
        };
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<NotificationRow>(new CommandDefinition(db.IsSqlite ? PageSqlite : PageSqlServer, args, cancellationToken: ct));
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
        return new ListPage<NotificationRow>(rows.AsList(), total, page, pageSize);
    }

    /// <summary>The user's newest notifications for the bell's list.</summary>
    public async Task<IReadOnlyList<NotificationRow>> LatestAsync(int userId, CancellationToken ct = default) =>
        (await PageAsync(userId, null, false, null, 1, BellRows, ct)).Rows;

    /// <summary>Every kind with whether the user receives it (a kind never chosen is received).</summary>
    public async Task<IReadOnlyList<NotificationPreferenceRow>> PreferencesAsync(int userId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var stored = (await conn.QueryAsync<NotificationPreferenceRow>(new CommandDefinition(PreferencesSql, new { UserId = userId }, cancellationToken: ct)))
            .ToDictionary(p => p.Kind, p => p.Enabled);
        return NotificationKinds.All.Select(k => new NotificationPreferenceRow { Kind = k, Enabled = stored.GetValueOrDefault(k, true) }).ToList();
    }
}
