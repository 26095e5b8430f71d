namespace Baihe.Data.Database;

/// <summary>
/// Bound from configuration: <c>Database:Provider</c>, <c>ConnectionStrings:Baihe</c> and
/// <c>Database:MigrationTimeoutMinutes</c>.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The default time one migration statement may run: long enough to rewrite a large ledger table.</summary>
    public static readonly TimeSpan DefaultMigrationTimeout = TimeSpan.FromMinutes(30);

    /// <summary>How long one migration statement may run before DbUp gives up (default 30 minutes).</summary>
    public TimeSpan MigrationTimeout { get; init; } = DefaultMigrationTimeout;
}
