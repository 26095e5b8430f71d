namespace Baihe.Data.Database;

/// <summary>Which engine Baihe runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one SQLite file under the app's data folder.</summary>
    Sqlite,

    /// <summary>Production: Microsoft SQL Server.</summary>
    SqlServer,
}

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
