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
    public void AlterColumn_RunsOnlyWhenNoIndexKeyOrConstraintRefersToTheColumn()
    {
        // SQL Server refuses ALTER COLUMN while an index (key, INCLUDE or filter), key, CHECK, DEFAULT, foreign key
        // or computed column refers to the column (errors 5074 and 4922); SQLite has no ALTER COLUMN to try it on.
        var scripts = DatabaseMigrator.Scripts(DatabaseProvider.SqlServer).Select(s => s.Contents);

        var offenders = AlterColumnsWithDependents(scripts);

        Assert.True(offenders.Count == 0, "SQL Server refuses these ALTER COLUMNs: " + string.Join(", ", offenders));
    }

    [Fact]
    public void AlterColumnRule_CatchesAnIndexOrConstraintLeftInPlace()
    {
        const string create = """
            CREATE TABLE [dbo].[T] ([Id] INT NOT NULL, [Code] VARCHAR (10) NOT NULL, [Note] VARCHAR (10) NULL,
                CONSTRAINT [CK_T_Code] CHECK ([Code] IN ('A', 'B')));
            GO
            CREATE INDEX [IX_T_Id] ON [dbo].[T] ([Id]) INCLUDE ([Note]);
            """;

        Assert.Equal(["T.Code (CK_T_Code)", "T.Note (IX_T_Id)"], AlterColumnsWithDependents([create, """
            ALTER TABLE [dbo].[T] ALTER COLUMN [Code] NVARCHAR (10) NOT NULL;
            ALTER TABLE [dbo].[T] ALTER COLUMN [Note] NVARCHAR (10) NULL;
            """]));
        Assert.Equal(["CK_T_Code already exists"], AlterColumnsWithDependents([create, "ALTER TABLE [dbo].[T] ADD CONSTRAINT [CK_T_Code] CHECK ([Code] <> '');"]));
        Assert.Empty(AlterColumnsWithDependents([create, """
            ALTER TABLE [dbo].[T] DROP CONSTRAINT [CK_T_Code];
            DROP INDEX [IX_T_Id] ON [dbo].[T];
            ALTER TABLE [dbo].[T] ALTER COLUMN [Code] NVARCHAR (10) NOT NULL;
            ALTER TABLE [dbo].[T] ALTER COLUMN [Note] NVARCHAR (10) NULL;
            ALTER TABLE [dbo].[T] ADD CONSTRAINT [CK_T_Code] CHECK ([Code] IN (N'A', N'B'));
            """]));
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

    /// <summary>
    /// "Table.Column (dependent)" for each ALTER COLUMN that runs while something still refers to the column, and
    /// "Name already exists" for an index or constraint created twice.
    /// </summary>
    private static List<string> AlterColumnsWithDependents(IEnumerable<string> scripts)
    {
        // Object name → its table and the columns it refers to, as the scripts leave them statement by statement.
        var live = new Dictionary<string, (string Table, HashSet<string> Columns)>(StringComparer.OrdinalIgnoreCase);
        var offenders = new List<string>();
        var synthetic = 0;
        foreach (var script in scripts)
        {
            var fragment = (TSqlScript)TSql.Parse(script, out var errors);
            Assert.Empty(errors);
            foreach (var statement in fragment.Batches.SelectMany(b => b.Statements))
            {
                switch (statement)
                {
                    case CreateTableStatement create:
                        AddElements(create.SchemaObjectName.BaseIdentifier.Value, create.Definition);
                        break;
                    case AlterTableAddTableElementStatement add:
                        AddElements(add.SchemaObjectName.BaseIdentifier.Value, add.Definition);
                        break;
                    case CreateIndexStatement index:
                        Add(index.Name.Value, index.OnName.BaseIdentifier.Value, ColumnsOf(index));
                        break;
                    case DropIndexStatement drop:
                        foreach (var clause in drop.DropIndexClauses.OfType<DropIndexClause>())
                        {
                            live.Remove(clause.Index.Value);
                        }
                        break;
                    case AlterTableDropTableElementStatement dropElement:
                        foreach (var element in dropElement.AlterTableDropTableElements.Where(e => e.TableElementType is TableElementType.Constraint or TableElementType.Index))
                        {
                            live.Remove(element.Name.Value);
                        }
                        break;
                    case AlterTableAlterColumnStatement alter:
                        var table = alter.SchemaObjectName.BaseIdentifier.Value;
                        var column = alter.ColumnIdentifier.Value;
                        offenders.AddRange(live
                            .Where(o => StringComparer.OrdinalIgnoreCase.Equals(o.Value.Table, table) && o.Value.Columns.Contains(column))
                            .Select(o => $"{table}.{column} ({o.Key})")
                            .Order(StringComparer.Ordinal));
                        break;
                }
            }
        }
        return offenders;

        void AddElements(string table, TableDefinition definition)
        {
            foreach (var column in definition.ColumnDefinitions)
            {
                var name = column.ColumnIdentifier.Value;
                if (column.DefaultConstraint is { } df)
                {
                    Add(df.ConstraintIdentifier?.Value ?? $"default #{++synthetic}", table, [name]);
                }
                if (column.ComputedColumnExpression is not null)
                {
                    Add($"computed {table}.{name}", table, ColumnsOf(column.ComputedColumnExpression));
                }
                // NULL / NOT NULL is restated by the ALTER COLUMN itself, not an object that blocks it.
                foreach (var constraint in column.Constraints.Where(c => c is not NullableConstraintDefinition))
                {
                    var columns = ColumnsOf(constraint);
                    columns.Add(name);
                    Add(constraint.ConstraintIdentifier?.Value ?? $"constraint #{++synthetic}", table, columns);
                }
            }
            foreach (var constraint in definition.TableConstraints)
            {
                var columns = ColumnsOf(constraint);
                if (constraint is ForeignKeyConstraintDefinition fk)
                {
                    columns.UnionWith(fk.Columns.Select(c => c.Value));
                }
                Add(constraint.ConstraintIdentifier?.Value ?? $"constraint #{++synthetic}", table, columns);
            }
        }

        // Recreating an object that was never dropped fails too (error 2714 or 1913).
        void Add(string name, string table, HashSet<string> columns)
        {
            if (!live.TryAdd(name, (table, columns)))
            {
                offenders.Add($"{name} already exists");
            }
        }
    }

    private static HashSet<string> ColumnsOf(TSqlFragment fragment)
    {
        var names = new ColumnNames();
        fragment.Accept(names);
        return new HashSet<string>(names.Names, StringComparer.OrdinalIgnoreCase);
    }
}
