using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Baihe.Tests.Data.Database;

/// <summary>
/// SQL Server rules that parse fine but fail on a real server. With no server here, ScriptDom's tree is checked
/// for the ones we have met.
/// </summary>
public class SqlServerRulesTests
{
    [Fact]
    public void FilteredIndexes_DoNotFilterOnComputedColumns()
    {
        var scripts = DatabaseMigrator.Scripts(DatabaseProvider.SqlServer).Select(s => s.Contents);

        var offenders = FilteredIndexesOnComputedColumns(scripts);

        Assert.True(offenders.Count == 0, "SQL Server refuses these filtered indexes: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Rule_CatchesAFilterOnAComputedColumn()
    {
        const string script = """
            CREATE TABLE [dbo].[T] ([At] DATETIME2 NULL, [M] AS (MONTH([At])) PERSISTED);
            GO
            CREATE INDEX [IX_T_M] ON [dbo].[T] ([M]) WHERE [M] IS NOT NULL;
            """;

        Assert.Equal(["IX_T_M"], FilteredIndexesOnComputedColumns([script]));
    }

    [Fact]
    public void QueryTexts_DoNotAggregateOverASubquery()
    {
        // SQL Server refuses SUM(CASE WHEN EXISTS (...) ...) and the like (error 130); SQLite accepts it.
        var texts = typeof(Baihe.Data.Database.DbConnectionFactory).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string) && (f.Name.EndsWith("Sql", StringComparison.Ordinal) || f.Name.EndsWith("SqlServer", StringComparison.Ordinal)))
                .Select(f => ($"{t.Name}.{f.Name}", (string)f.GetRawConstantValue()!)))
            .ToList();

        var offenders = texts.Where(t => AggregatesOverSubquery(t.Item2)).Select(t => t.Item1).ToList();

        Assert.NotEmpty(texts);
        Assert.True(offenders.Count == 0, "aggregate over a subquery: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Rule_CatchesAnAggregateOverASubquery()
    {
        Assert.True(AggregatesOverSubquery("SELECT SUM(CASE WHEN EXISTS (SELECT 1 FROM T) THEN 1 ELSE 0 END) FROM U;"));
        Assert.False(AggregatesOverSubquery("SELECT SUM(CASE WHEN x = 1 THEN 1 ELSE 0 END), (SELECT COUNT(*) FROM T) FROM U;"));
    }

    private static bool AggregatesOverSubquery(string sql)
    {
        var fragment = TSql.Parse(sql, out var errors);
        Assert.Empty(errors);
        var finder = new AggregateFinder();
        fragment.Accept(finder);
        return finder.Found;
    }

    private sealed class AggregateFinder : TSqlFragmentVisitor
    {
        private static readonly HashSet<string> Aggregates = new(StringComparer.OrdinalIgnoreCase) { "SUM", "COUNT", "AVG", "MIN", "MAX" };

        public bool Found { get; private set; }

        public override void Visit(FunctionCall node)
        {
            if (Aggregates.Contains(node.FunctionName.Value))
            {
                var inner = new SubqueryFinder();
                foreach (var p in node.Parameters)
                {
                    p.Accept(inner);
                }
                Found |= inner.Found;
            }
        }
    }

    private sealed class SubqueryFinder : TSqlFragmentVisitor
    {
        public bool Found { get; private set; }

        public override void Visit(ScalarSubquery node) => Found = true;

        public override void Visit(ExistsPredicate node) => Found = true;
    }

    private static List<string> FilteredIndexesOnComputedColumns(IEnumerable<string> scripts)
    {
        var computed = new HashSet<(string Table, string Column)>();
        var indexes = new List<CreateIndexStatement>();
        foreach (var script in scripts)
        {
            var fragment = TSql.Parse(script, out var errors);
            Assert.Empty(errors);
            var visitor = new Collector(computed, indexes);
            fragment.Accept(visitor);
        }

        var offenders = new List<string>();
        foreach (var index in indexes.Where(i => i.FilterPredicate is not null))
        {
            var table = index.OnName.BaseIdentifier.Value;
            var columns = new ColumnNames();
            index.FilterPredicate.Accept(columns);
            if (columns.Names.Any(c => computed.Contains((table, c))))
            {
                offenders.Add(index.Name.Value);
            }
        }
        return offenders;
    }

    private sealed class Collector(HashSet<(string, string)> computed, List<CreateIndexStatement> indexes) : TSqlFragmentVisitor
    {
        public override void Visit(CreateTableStatement node)
        {
            foreach (var column in node.Definition.ColumnDefinitions.Where(c => c.ComputedColumnExpression is not null))
            {
                computed.Add((node.SchemaObjectName.BaseIdentifier.Value, column.ColumnIdentifier.Value));
            }
        }

        public override void Visit(CreateIndexStatement node) => indexes.Add(node);
    }

    private sealed class ColumnNames : TSqlFragmentVisitor
    {
        public List<string> Names { get; } = [];

        public override void Visit(ColumnReferenceExpression node) =>
            Names.Add(node.MultiPartIdentifier.Identifiers[^1].Value);
    }
}
