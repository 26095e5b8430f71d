namespace Baihe.Data.Database;

/// <summary>Which engine Baihe runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one SQLite file under the app's data folder.</summary>
    Sqlite,

    /// <summary>Production: Microsoft SQL Server.</summary>
    SqlServer,
}
