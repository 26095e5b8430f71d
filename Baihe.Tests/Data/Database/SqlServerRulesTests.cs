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
