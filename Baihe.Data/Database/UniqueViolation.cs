using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Baihe.Data.Database;

/// <summary>
/// Recognises a write refused by a unique index or key, on either engine. Where a unique index is the real guard of
/// "once only" (a volunteer credited once per task or wish), two users can both pass the command's own check before
/// either commits; on SQL Server the second insert then fails with error 2601/2627, on SQLite with
/// SQLITE_CONSTRAINT_UNIQUE. The command catches that, rolls back and shows its Chinese message instead of a raw error.
/// </summary>
public static class UniqueViolation
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqlServerDuplicateKeyRow = 2601;
    private const int SqlServerUniqueConstraint = 2627;

    /// <summary>True when <paramref name="error"/> (or an exception it wraps) is a unique-index or key violation.</summary>
    public static bool Is(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqlException sql when sql.Errors.Cast<SqlError>().Any(x => x.Number is SqlServerDuplicateKeyRow or SqlServerUniqueConstraint):
                    return true;
                case SqliteException lite when lite.SqliteErrorCode == SqliteConstraint
                                               && lite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey:
                    return true;
            }
        }
        return false;
    }
}
