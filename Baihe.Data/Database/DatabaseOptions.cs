namespace Baihe.Data.Database;

/// <summary>Which engine Baihe runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one SQLite file under the app's data folder.</summary>
    Sqlite,

    /// <summary>Production: Microsoft SQL Server.</summary>
    SqlServer,
}

/// <summary>Bound from configuration: <c>Database:Provider</c> and <c>ConnectionStrings:Baihe</c>.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString);
