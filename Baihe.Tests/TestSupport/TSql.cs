using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Baihe.Tests.TestSupport;

/// <summary>
/// T-SQL parsing with ScriptDom: the proof we have that SQL Server text is valid without a server. The grammar is
/// SQL Server 2019's (TSql150Parser), the oldest version Baihe supports, so newer syntax does not slip through.
/// </summary>
public static class TSql
{
    public static TSqlFragment Parse(string sql, out IList<ParseError> errors)
    {
        var parser = new TSql150Parser(initialQuotedIdentifiers: true);
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

    /// <summary>
    /// Every character column of the scripts as it stands after the last script: CREATE TABLE, then ALTER TABLE ...
    /// ADD / ALTER COLUMN / DROP COLUMN and DROP TABLE in order.
    /// </summary>
    public static Dictionary<(string Table, string Column), TextColumn> TextColumns(IEnumerable<string> scripts)
    {
        var columns = new Dictionary<(string, string), TextColumn>(TableColumnComparer.Instance);
        foreach (var script in scripts)
        {
            var fragment = Parse(script, out var errors);
            Assert.True(errors.Count == 0, Describe(errors));
            fragment.Accept(new TextColumnCollector(columns));
        }
        return columns;
    }

    /// <summary>A character column: its type (VARCHAR, NVARCHAR, CHAR, NCHAR), its length (null for MAX) and its collation.</summary>
    public sealed record TextColumn(string Table, string Column, string Type, int? Length, string? Collation)
    {
        public bool IsUnicode => Type.StartsWith('N');
    }

    private sealed class TableColumnComparer : IEqualityComparer<(string Table, string Column)>
    {
        public static readonly TableColumnComparer Instance = new();

        public bool Equals((string Table, string Column) x, (string Table, string Column) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Table, y.Table) && StringComparer.OrdinalIgnoreCase.Equals(x.Column, y.Column);

        public int GetHashCode((string Table, string Column) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Table), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Column));
    }

    private sealed class TextColumnCollector(Dictionary<(string, string), TextColumn> columns) : TSqlFragmentVisitor
    {
        public override void Visit(CreateTableStatement node) =>
            Add(node.SchemaObjectName.BaseIdentifier.Value, node.Definition.ColumnDefinitions);

        public override void Visit(AlterTableAddTableElementStatement node) =>
            Add(node.SchemaObjectName.BaseIdentifier.Value, node.Definition.ColumnDefinitions);

        public override void Visit(AlterTableAlterColumnStatement node)
        {
            var table = node.SchemaObjectName.BaseIdentifier.Value;
            var column = node.ColumnIdentifier.Value;
            if (node.DataType is null)
            {
                return;
            }
            columns.Remove((table, column));
            if (Text(table, column, node.DataType, node.Collation) is { } text)
            {
                columns[(table, column)] = text;
            }
        }

        public override void Visit(AlterTableDropTableElementStatement node)
        {
            var table = node.SchemaObjectName.BaseIdentifier.Value;
            foreach (var element in node.AlterTableDropTableElements.Where(e => e.TableElementType == TableElementType.Column))
            {
                columns.Remove((table, element.Name.Value));
            }
        }

        public override void Visit(DropTableStatement node)
        {
            foreach (var name in node.Objects)
            {
                foreach (var key in columns.Keys.Where(k => StringComparer.OrdinalIgnoreCase.Equals(k.Item1, name.BaseIdentifier.Value)).ToList())
                {
                    columns.Remove(key);
                }
            }
        }

        private void Add(string table, IEnumerable<ColumnDefinition> definitions)
        {
            foreach (var definition in definitions.Where(d => d.DataType is not null))
            {
                if (Text(table, definition.ColumnIdentifier.Value, definition.DataType, definition.Collation) is { } text)
                {
                    columns[(table, definition.ColumnIdentifier.Value)] = text;
                }
            }
        }

        private static TextColumn? Text(string table, string column, DataTypeReference type, Identifier? collation)
        {
            if (type is not SqlDataTypeReference sql
                || sql.SqlDataTypeOption is not (SqlDataTypeOption.VarChar or SqlDataTypeOption.NVarChar or SqlDataTypeOption.Char or SqlDataTypeOption.NChar))
            {
                return null;
            }
            int? length = sql.Parameters.Count == 0 ? 1
                : sql.Parameters[0] is IntegerLiteral n ? int.Parse(n.Value, System.Globalization.CultureInfo.InvariantCulture)
                : null;
            return new TextColumn(table, column, sql.SqlDataTypeOption.ToString().ToUpperInvariant(), length, collation?.Value);
        }
    }
}
