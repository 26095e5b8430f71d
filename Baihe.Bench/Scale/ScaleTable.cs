using System.Data;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Baihe.Bench.Scale;

/// <summary>
/// One table of the generated data set held in memory: its columns, as the seeder's INSERT text names them, and its
/// rows in that column order. The SQL Server path bulk-copies these; the SQLite path binds the same values to the
/// INSERT's parameters, so both get the same rows.
/// </summary>
public sealed partial class ScaleTable
{
    // For each column: the index of the parameter that carries its value, or -1 with the literal in _literals.
    private readonly int[] _source;
    private readonly object?[] _literals;

    private ScaleTable(string name, IReadOnlyList<string> columns, int[] source, object?[] literals)
    {
        Name = name;
        Columns = columns;
        _source = source;
        _literals = literals;
    }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    /// <summary>The columns given a value, in INSERT order (identity ids included: they are kept).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows, each in <see cref="Columns"/> order; null for NULL.</summary>
    public List<object?[]> Rows { get; } = [];

    /// <summary>The parameters of an INSERT text, in the order they first appear (the order the generator passes values in).</summary>
    public static IReadOnlyList<string> ParametersOf(string sql) =>
        ParameterPattern().Matches(sql).Select(m => m.Value).Distinct().ToList();

    /// <summary>
    /// The table an <c>INSERT INTO T (columns) VALUES (values)</c> text fills. A value is a parameter or an integer
    /// literal; a literal 0 or 1 in an <c>Is…</c> column is a flag, carried as a bool so SQL Server's bit takes it.
    /// </summary>
    public static ScaleTable FromInsert(string table, string insertSql)
    {
        var m = InsertPattern().Match(insertSql);
        if (!m.Success || m.Groups[1].Value != table)
        {
            throw new ArgumentException($"Not an INSERT INTO {table} (...) VALUES (...): {insertSql}", nameof(insertSql));
        }
        var columns = Split(m.Groups[2].Value);
        var values = Split(m.Groups[3].Value);
        if (columns.Count != values.Count)
        {
            throw new ArgumentException($"{table}: {columns.Count} columns but {values.Count} values.", nameof(insertSql));
        }
        var parameters = ParametersOf(insertSql);
        var source = new int[columns.Count];
        var literals = new object?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            source[i] = values[i].StartsWith('@') ? IndexOf(parameters, values[i]) : -1;
            if (source[i] < 0)
            {
                var n = int.Parse(values[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                literals[i] = columns[i].StartsWith("Is", StringComparison.Ordinal) && n is 0 or 1 ? (object)(n == 1) : n;
            }
        }
        return new ScaleTable(table, columns, source, literals);
    }

    /// <summary>Adds a row from the values of the INSERT's parameters (in <see cref="ParametersOf"/> order).</summary>
    public void Add(IReadOnlyList<object?> parameterValues)
    {
        var row = new object?[Columns.Count];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = _source[i] >= 0 ? parameterValues[_source[i]] : _literals[i];
        }
        Rows.Add(row);
    }

    /// <summary>
    /// Up to <paramref name="count"/> rows from <paramref name="from"/> as a DataTable for <c>SqlBulkCopy</c>, so a
    /// million-row table goes in slices instead of a second copy of the whole table. A column's type is that of its
    /// first non-null value (string when it has none).
    /// </summary>
    public DataTable ToDataTable(int from, int count)
    {
        var end = Math.Min(Rows.Count, from + count);
        var data = new DataTable(Name) { Locale = CultureInfo.InvariantCulture };
        for (var c = 0; c < Columns.Count; c++)
        {
            var type = typeof(string);
            foreach (var row in Rows)
            {
                if (row[c] is { } value)
                {
                    type = value.GetType();
                    break;
                }
            }
            data.Columns.Add(Columns[c], type);
        }
        data.BeginLoadData();
        for (var r = from; r < end; r++)
        {
            var values = Rows[r];
            var copy = new object[values.Length];
            for (var c = 0; c < values.Length; c++)
            {
                copy[c] = values[c] ?? DBNull.Value;
            }
            data.Rows.Add(copy);
        }
        data.EndLoadData();
        return data;
    }

    private static int IndexOf(IReadOnlyList<string> parameters, string name)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i] == name)
            {
                return i;
            }
        }
        throw new ArgumentException($"Unknown parameter {name}.", nameof(name));
    }

    private static List<string> Split(string list) => list.Split(',').Select(x => x.Trim()).ToList();

    [GeneratedRegex(@"@\w+")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"^\s*INSERT\s+INTO\s+(\w+)\s*\(([^)]*)\)\s*VALUES\s*\(([^)]*)\)\s*;?\s*$", RegexOptions.Singleline)]
    private static partial Regex InsertPattern();
}
