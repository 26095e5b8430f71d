namespace Baihe.Data.Database;

/// <summary>
/// Keyword search in list queries: the typed text becomes a <c>LIKE</c> pattern matched anywhere in the column, with
/// <c>%</c>, <c>_</c>, <c>[</c> and the escape character itself taken literally. Use it with <c>LIKE @q ESCAPE '\'</c>,
/// which both SQL Server and SQLite understand, so one SQL text serves both engines.
/// </summary>
public static class SearchText
{
    /// <summary>The longest keyword searched for; longer input is cut, never refused.</summary>
    public const int MaxLength = 50;

    /// <summary>The pattern for <paramref name="text"/>, or null when there is nothing to search for.</summary>
    public static string? Contains(string? text)
    {
        var q = text?.Trim();
        if (string.IsNullOrEmpty(q))
        {
            return null;
        }
        if (q.Length > MaxLength)
        {
            q = q[..MaxLength];
        }
        var escaped = q.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_").Replace("[", @"\[");
        return "%" + escaped + "%";
    }
}
