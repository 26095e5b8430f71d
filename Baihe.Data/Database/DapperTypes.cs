using System.Data;
using Dapper;

namespace Baihe.Data.Database;

/// <summary>
/// Process-wide Dapper settings. Dapper sends a <see cref="DateTime"/> as <c>datetime</c> by default, which on SQL
/// Server throws before 1753, rounds to 3.33 ms, and is implicitly converted when compared with the schema's DATE and
/// DATETIME2 columns; as DATETIME2 it matches the schema.
/// </summary>
public static class DapperTypes
{
    /// <summary>
    /// Sends <see cref="DateTime"/> (and nullable) parameters as DATETIME2. Registered for both engines: Dapper's map
    /// is global to the process, so registering it only for SQL Server would make SQLite's behaviour depend on what
    /// else ran in the process; on SQLite DATETIME2 binds the same ISO text as DateTime does.
    /// </summary>
    public static void Register()
    {
        SqlMapper.AddTypeMap(typeof(DateTime), DbType.DateTime2);
        SqlMapper.AddTypeMap(typeof(DateTime?), DbType.DateTime2);
    }
}
