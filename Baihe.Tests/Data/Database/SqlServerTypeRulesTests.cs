using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Baihe.Tests.Data.Database;

/// <summary>
/// SQL Server rules about types and functions that parse fine, run fine on SQLite, and still go wrong on a server:
/// a VARCHAR column compared with a Dapper string parameter (NVARCHAR) is converted row by row, and a function that
/// SQL Server 2019 does not have only fails when the query first runs.
/// </summary>
public class SqlServerTypeRulesTests
{
    private static IReadOnlyList<string> SqlServerScripts() =>
        DatabaseMigrator.Scripts(DatabaseProvider.SqlServer).Select(s => s.Contents).ToList();

    // Implicit conversion ----------------------------------------------------------------------------------------

    [Fact]
    public void QueryTexts_DoNotCompareAVarcharColumnWithAParameter()
    {
        // Dapper sends every string as NVARCHAR. Against a VARCHAR column under a SQL_* collation that converts the
        // column, not the parameter: the index is scanned, and an UPDATE takes a lock on every row it reads.
        var columns = TSql.TextColumns(SqlServerScripts());
        var texts = SqlTextTests.SqlServerTexts().ToList();
        Assert.NotEmpty(texts);

        var offenders = texts.SelectMany(t => VarcharComparedWithParameter(t.Sql, columns).Select(c => $"{t.Name}: {c}")).ToList();

        Assert.True(offenders.Count == 0,
            $"{offenders.Count} comparisons of a VARCHAR column with an NVARCHAR parameter (make the column NVARCHAR):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void ImplicitConversionRule_CatchesEqualsInAndLikeOnAVarcharColumn()
    {
        var columns = TSql.TextColumns(["""
            CREATE TABLE [dbo].[T] ([Id] INT NOT NULL, [Code] VARCHAR (10) NOT NULL, [Name] NVARCHAR (10) NOT NULL);
            """]);

        Assert.Equal(["T.Code"], VarcharComparedWithParameter("SELECT t.Id FROM [dbo].[T] AS t WHERE t.Code = @code AND t.Name = @name;", columns));
        Assert.Equal(["T.Code"], VarcharComparedWithParameter("SELECT Id FROM T WHERE Code IN (@a, @b);", columns));
        Assert.Equal(["T.Code"], VarcharComparedWithParameter("UPDATE T SET Name = @name WHERE @code = Code;", columns));
        Assert.Equal(["T.Code"], VarcharComparedWithParameter("SELECT Id FROM T WHERE Code LIKE @pattern;", columns));
        Assert.Empty(VarcharComparedWithParameter("SELECT Id FROM T WHERE Code = 'Open' AND Name = @name;", columns));
        // After an ALTER to NVARCHAR the column no longer counts.
        var altered = TSql.TextColumns(["CREATE TABLE [dbo].[T] ([Code] VARCHAR (10) NOT NULL);", "ALTER TABLE [dbo].[T] ALTER COLUMN [Code] NVARCHAR (10) NOT NULL;"]);
        Assert.Empty(VarcharComparedWithParameter("SELECT 1 FROM T WHERE Code = @code;", altered));
    }

    internal static List<string> VarcharComparedWithParameter(string sql, IReadOnlyDictionary<(string Table, string Column), TSql.TextColumn> columns)
    {
        var fragment = TSql.Parse(sql, out var errors);
        Assert.True(errors.Count == 0, TSql.Describe(errors));
        var tables = new TableCollector();
        fragment.Accept(tables);
        var comparisons = new ParameterComparisons();
        fragment.Accept(comparisons);

        var found = new List<string>();
        foreach (var column in comparisons.Columns)
        {
            var parts = column.MultiPartIdentifier.Identifiers;
            var name = parts[^1].Value;
            IEnumerable<string> candidates = parts.Count >= 2 && tables.ByAlias.TryGetValue(parts[^2].Value, out var table)
                ? [table]
                : tables.ByAlias.Values.Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var candidate in candidates)
            {
                if (columns.TryGetValue((candidate, name), out var text) && !text.IsUnicode)
                {
                    found.Add($"{text.Table}.{text.Column}");
                }
            }
        }
        return found.Distinct().ToList();
    }

    private sealed class TableCollector : TSqlFragmentVisitor
    {
        public Dictionary<string, string> ByAlias { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Visit(NamedTableReference node)
        {
            var table = node.SchemaObject.BaseIdentifier.Value;
            ByAlias[table] = table;
            if (node.Alias is not null)
            {
                ByAlias[node.Alias.Value] = table;
            }
        }
    }

    private sealed class ParameterComparisons : TSqlFragmentVisitor
    {
        public List<ColumnReferenceExpression> Columns { get; } = [];

        public override void Visit(BooleanComparisonExpression node) => Pair(node.FirstExpression, node.SecondExpression);

        public override void Visit(LikePredicate node) => Pair(node.FirstExpression, node.SecondExpression);

        public override void Visit(InPredicate node)
        {
            if (Unwrap(node.Expression) is ColumnReferenceExpression column && node.Values.Any(v => Unwrap(v) is VariableReference))
            {
                Columns.Add(column);
            }
        }

        private void Pair(ScalarExpression a, ScalarExpression b)
        {
            if (Unwrap(a) is ColumnReferenceExpression ca && Unwrap(b) is VariableReference)
            {
                Columns.Add(ca);
            }
            else if (Unwrap(b) is ColumnReferenceExpression cb && Unwrap(a) is VariableReference)
            {
                Columns.Add(cb);
            }
        }

        private static ScalarExpression Unwrap(ScalarExpression e) => e is ParenthesisExpression p ? Unwrap(p.Expression) : e;
    }

    // Text columns -------------------------------------------------------------------------------------------------

    [Fact]
    public void EveryTextColumn_IsNvarcharInThePinnedChineseCollation()
    {
        // One collation for every column: two collations in one comparison, CASE or UNION fail with error 468.
        var offenders = TSql.TextColumns(SqlServerScripts()).Values
            .Where(c => !c.IsUnicode || c.Collation != "Chinese_PRC_100_CI_AS_SC")
            .Select(c => $"{c.Table}.{c.Column} {c.Type} {c.Collation ?? "(database default)"}")
            .ToList();

        Assert.True(offenders.Count == 0, $"{offenders.Count} text columns not NVARCHAR COLLATE Chinese_PRC_100_CI_AS_SC:\n" + string.Join("\n", offenders));
    }

    // Functions on the 2019 grammar -------------------------------------------------------------------------------

    /// <summary>
    /// The T-SQL built-ins Baihe uses, all present in SQL Server 2019. ScriptDom parses any name as a function call
    /// (IFNULL, strftime, julianday, GREATEST all parse), so a name not listed here is a SQLite habit or a newer
    /// server's function; add a name only after checking the SQL Server 2019 documentation.
    /// </summary>
    private static readonly HashSet<string> SqlServer2019BuiltIns = new(StringComparer.OrdinalIgnoreCase)
    {
        // Aggregates and ranking.
        "COUNT", "MAX", "MIN", "SUM", "RANK", "ROW_NUMBER",
        // Text, numbers and dates.
        "CONCAT", "LEN", "REPLACE", "TRIM", "CHARINDEX", "SUBSTRING", "SIGN", "ABS", "YEAR", "MONTH", "DAY", "DATEADD", "DATEDIFF", "ISNULL",
        // Identity, time and metadata (the migrator and the schema scripts).
        "SCOPE_IDENTITY", "SYSUTCDATETIME", "DATABASEPROPERTYEX", "DB_NAME", "QUOTENAME", "OBJECT_NAME", "OBJECT_SCHEMA_NAME", "OBJECTPROPERTY",
    };

    [Fact]
    public void EverySqlServerText_CallsOnlySqlServer2019FunctionsOrOurOwn()
    {
        var scripts = SqlServerScripts();
        var own = OwnFunctions(scripts);
        var texts = scripts.Select((s, i) => ($"script {i + 1}", s)).Concat(SqlTextTests.SqlServerTexts()).ToList();

        var offenders = texts
            .SelectMany(t => UnknownFunctions(t.Item2, own).Select(f => $"{t.Item1}: {f}"))
            .ToList();

        Assert.True(offenders.Count == 0, $"{offenders.Count} calls of functions SQL Server 2019 does not have:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void FunctionRule_CatchesSqliteAndNewerFunctionsThatParse()
    {
        Assert.Equal(["IFNULL"], UnknownFunctions("SELECT IFNULL(SUM(Points), 0) FROM PointEntry;", []));
        Assert.Equal(["strftime", "julianday"], UnknownFunctions("SELECT strftime('%Y', At), julianday(At) FROM T;", []));
        Assert.Equal(["GREATEST"], UnknownFunctions("SELECT GREATEST(a, b) FROM T;", []));
        Assert.Empty(UnknownFunctions("SELECT COALESCE(SUM(Points), 0), DATEADD(DAY, 1, At), dbo.Mine(1) FROM T;", ["Mine"]));
    }

    internal static List<string> UnknownFunctions(string sql, ICollection<string> own)
    {
        var fragment = TSql.Parse(sql, out var errors);
        Assert.True(errors.Count == 0, TSql.Describe(errors));
        var calls = new FunctionCalls();
        fragment.Accept(calls);
        return calls.Names.Where(n => !SqlServer2019BuiltIns.Contains(n) && !own.Contains(n, StringComparer.OrdinalIgnoreCase)).Distinct().ToList();
    }

    private static List<string> OwnFunctions(IEnumerable<string> scripts)
    {
        var names = new List<string>();
        foreach (var script in scripts)
        {
            var functions = new OwnFunctionCollector();
            TSql.Parse(script, out _).Accept(functions);
            names.AddRange(functions.Names);
        }
        return names;
    }

    private sealed class FunctionCalls : TSqlFragmentVisitor
    {
        public List<string> Names { get; } = [];

        public override void Visit(FunctionCall node)
        {
            // A method on an xml or spatial value (x.value(...)) is not a function of the database.
            if (node.CallTarget is null or MultiPartIdentifierCallTarget)
            {
                Names.Add(node.FunctionName.Value);
            }
        }
    }

    private sealed class OwnFunctionCollector : TSqlFragmentVisitor
    {
        public List<string> Names { get; } = [];

        public override void Visit(CreateFunctionStatement node) => Names.Add(node.Name.BaseIdentifier.Value);

        public override void Visit(CreateOrAlterFunctionStatement node) => Names.Add(node.Name.BaseIdentifier.Value);
    }
}
