using Baihe.Bench.Scale;
using Baihe.Data.Database;

namespace Baihe.Bench;

/// <summary>
/// What <c>queries</c> measures: a SQLite file (<see cref="ScaleDb"/>) or a SQL Server database (<see cref="SqlServer"/>,
/// a connection string), how many timed runs per query, the seed-scale sizes to load when the database is new, and
/// the audit log's size (<see cref="AuditRows"/>), and optionally only the cases whose name matches the regular expression <see cref="Only"/> (the district cases alone take minutes, not half an hour).
/// </summary>
public sealed record QueryBenchmarkArguments(string? ScaleDb, string? SqlServer, int Iterations, ScaleOptions Sizes, string? Only = null, int AuditRows = QueryBenchmarkArguments.DefaultAuditRows)
{
    /// <summary>The audit log's size for the viewer's cases: the log is topped up to this many rows.</summary>
    public const int DefaultAuditRows = 1_000_000;

    /// <summary>The database to measure, as the data layer takes it.</summary>
    public DatabaseOptions Database => SqlServer is { } cs
        ? new DatabaseOptions(DatabaseProvider.SqlServer, cs)
        : new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.GetFullPath(ScaleDb!)}");
}
