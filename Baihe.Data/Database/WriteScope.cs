using System.Data.Common;
using Baihe.Data.Accounts;
using Dapper;

namespace Baihe.Data.Database;

/// <summary>
/// What a write command's body sees inside <see cref="WriteTransaction.RunAsync"/>: the connection and transaction,
/// who acts and when, and the audit rows and extra change areas to record when the body succeeds.
/// </summary>
public sealed class WriteScope
{
    private readonly List<AuditEntry> _audits = [];
    private readonly List<string> _extraAreas = [];

    internal WriteScope(DbConnection connection, DbTransaction transaction, Actor actor, DateTime now, bool isSqlite, CancellationToken ct)
    {
        Connection = connection;
        Transaction = transaction;
        Actor = actor;
        Now = now;
        IsSqlite = isSqlite;
        CancellationToken = ct;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public Actor Actor { get; }

    /// <summary>The one timestamp of this write (China time), used for every row it writes.</summary>
    public DateTime Now { get; }

    public bool IsSqlite { get; }

    public CancellationToken CancellationToken { get; }

    internal IReadOnlyList<AuditEntry> Audits => _audits;

    /// <summary>Queues an audit row, written only if the body succeeds.</summary>
    public void Audit(string action, string entityType, object? entityId, object? before, object? after) =>
        _audits.Add(new AuditEntry(action, entityType, entityId, before, after));

    /// <summary>Marks another area as changed besides the command's own (for example a task credit also moves Points).</summary>
    public void AlsoBump(string area) => _extraAreas.Add(area);

    internal IEnumerable<string> Areas(string? area) =>
        (area is null ? _extraAreas : _extraAreas.Prepend(area)).Distinct();

    /// <summary>
    /// Audits a refusal (<c>Denied:</c> + <paramref name="action"/>), commits that row alone and returns the exception to
    /// throw. Use it for a foreign id as well as a forged or stale one: <paramref name="message"/> then says what the user
    /// asked for that does not exist.
    /// </summary>
    public Task<AccessDeniedException> DeniedAsync(string action, string entityType, object? entityId, object? attempted, string? message = null) =>
        Journal.DeniedAsync(Connection, Transaction, Actor, Now, action, entityType, entityId, attempted, CancellationToken, message);

    public Task<T?> SingleOrDefaultAsync<T>(string sql, object? args = null) =>
        Connection.QuerySingleOrDefaultAsync<T>(Command(sql, args));

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args = null) =>
        (await Connection.QueryAsync<T>(Command(sql, args))).AsList();

    public Task<T?> ScalarAsync<T>(string sql, object? args = null) =>
        Connection.ExecuteScalarAsync<T>(Command(sql, args));

    /// <summary>Runs a statement and returns the rows it affected, which a check-then-write must look at.</summary>
    public Task<int> ExecuteAsync(string sql, object? args = null) =>
        Connection.ExecuteAsync(Command(sql, args));

    /// <summary>Runs a portable single-row INSERT and returns the new identity (see <see cref="SqlIdentity"/>).</summary>
    public Task<int> InsertAsync(string insertSql, object args) =>
        SqlIdentity.InsertAsync(Connection, Transaction, IsSqlite, insertSql, args, CancellationToken);

    private CommandDefinition Command(string sql, object? args) =>
        new(sql, args, Transaction, cancellationToken: CancellationToken);

    internal sealed record AuditEntry(string Action, string EntityType, object? EntityId, object? Before, object? After);
}
