using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Baihe.Tests.TestSupport;

/// <summary>T-SQL parsing with ScriptDom: the proof we have that SQL Server text is valid without a server.</summary>
public static class TSql
{
    public static TSqlFragment Parse(string sql, out IList<ParseError> errors)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        return parser.Parse(reader, out errors);
    }

    public static string Describe(IEnumerable<ParseError> errors) =>
        string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"));

    /// <summary>Table → columns declared by CREATE TABLE and ALTER TABLE ... ADD in the scripts.</summary>
    public static Dictionary<string, SortedSet<string>> DeclaredColumns(IEnumerable<string> scripts)
    {
        var tables = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var script in scripts)
        {
            var fragment = Parse(script, out var errors);
            Assert.Empty(errors);
            fragment.Accept(new ColumnCollector(tables));
        }
        return tables;
    }

    private sealed class ColumnCollector(Dictionary<string, SortedSet<string>> tables) : TSqlFragmentVisitor
    {
        public override void Visit(CreateTableStatement node)
        {
            var columns = Table(node.SchemaObjectName.BaseIdentifier.Value);
            foreach (var column in node.Definition.ColumnDefinitions)
            {
                columns.Add(column.ColumnIdentifier.Value);
            }
        }

        public override void Visit(AlterTableAddTableElementStatement node)
        {
            var columns = Table(node.SchemaObjectName.BaseIdentifier.Value);
            foreach (var column in node.Definition.ColumnDefinitions)
            {
                columns.Add(column.ColumnIdentifier.Value);
            }
        }

        public override void Visit(DropTableStatement node)
        {
            foreach (var name in node.Objects)
            {
                tables.Remove(name.BaseIdentifier.Value);
            }
        }

        private SortedSet<string> Table(string name)
        {
            if (!tables.TryGetValue(name, out var columns))
            {
                tables[name] = columns = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            }
            return columns;
        }
    }
}
