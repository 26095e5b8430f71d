using Baihe.Bench.Scale;
using Baihe.Data.Database;

namespace Baihe.Bench;

/// <summary>
/// What <c>queries</c> measures: a SQLite file (<see cref="ScaleDb"/>) or a SQL Server database (<see cref="SqlServer"/>,
/// a connection string), how many timed runs per query, and the seed-scale sizes to load when the database is new.
/// </summary>
public sealed record QueryBenchmarkArguments(string? ScaleDb, string? SqlServer, int Iterations, ScaleOptions Sizes)
{
    /// <summary>The database to measure, as the data layer takes it.</summary>
    public DatabaseOptions Database => SqlServer is { } cs
        ? new DatabaseOptions(DatabaseProvider.SqlServer, cs)
        : new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.GetFullPath(ScaleDb!)}");
}
