using System.Reflection;
using System.Text.RegularExpressions;
using Baihe.Data.Database;
using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Data.Database;

/// <summary>
/// How SQL is found, so that none escapes these checks:
/// 1. Every SQL text in Baihe.Data is a <c>const string</c>. The source scan below fails on any string literal that
///    contains a SQL keyword and is not the value of a const declaration (an interpolated or inline literal fails).
/// 2. Reflection reads every const string of the assembly and classifies it by name: <c>*SqlServer</c> must parse with
///    ScriptDom; <c>*Sqlite</c> must prepare on a migrated SQLite file; <c>*Sql</c> (portable) must do both;
///    <c>*Fragment</c> is a piece that must appear inside a checked text. Any other const that looks like SQL fails.
/// </summary>
public class SqlTextTests
{
    private static readonly Regex SqlKeyword = new(@"\b(SELECT|INSERT|UPDATE|DELETE|MERGE|PRAGMA|CREATE)\b", RegexOptions.Compiled);

    public static TheoryData<string> SqlServerScripts()
    {
        var data = new TheoryData<string>();
        foreach (var s in DatabaseMigrator.Scripts(DatabaseProvider.SqlServer))
        {
            data.Add(s.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SqlServerScripts))]
    public void SqlServerScript_ParsesWithScriptDom(string name)
    {
        var script = DatabaseMigrator.Scripts(DatabaseProvider.SqlServer).Single(s => s.Name == name);

        TSql.Parse(script.Contents, out var errors);

        Assert.True(errors.Count == 0, $"{name}: {TSql.Describe(errors)}");
    }

    [Fact]
    public void ScriptDom_ReportsBrokenTSql()
    {
        // Guards the guard: SQLite's LIMIT is not T-SQL.
        TSql.Parse("SELECT Id FROM Team LIMIT 10;", out var errors);

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void EverySqlServerQueryText_ParsesWithScriptDom()
    {
        var texts = QueryTexts().Where(q => q.Name.EndsWith("SqlServer", StringComparison.Ordinal) || q.Name.EndsWith("Sql", StringComparison.Ordinal)).ToList();
        Assert.True(texts.Count >= 20, $"found only {texts.Count} query texts");

        var failures = texts
            .Select(q => (q.Name, Errors: ParseErrors(q.Sql)))
            .Where(r => r.Errors.Length > 0)
            .Select(r => $"{r.Name}: {r.Errors}")
            .ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EverySqliteQueryText_PreparesOnTheMigratedSchema()
    {
        var texts = QueryTexts().Where(q => q.Name.EndsWith("Sqlite", StringComparison.Ordinal) || q.Name.EndsWith("Sql", StringComparison.Ordinal)).ToList();
        await using var db = await TestDatabase.CreateAsync();
        await using var conn = await db.Factory.OpenAsync();

        var failures = new List<string>();
        foreach (var (name, sql) in texts)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            try
            {
                cmd.Prepare();
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void EveryConstThatLooksLikeSql_IsNamedForItsDialect()
    {
        var fields = AllConstStrings().ToList();
        var checkedTexts = QueryTexts().Select(q => q.Sql).ToList();

        var unclassified = fields
            .Where(f => SqlKeyword.IsMatch(f.Value) && Dialect(f.Name) is null)
            .Select(f => f.Name)
            .ToList();
        var orphanFragments = fields
            .Where(f => f.Name.EndsWith("Fragment", StringComparison.Ordinal) && !checkedTexts.Any(t => t.Contains(f.Value, StringComparison.Ordinal)))
            .Select(f => f.Name)
            .ToList();

        Assert.True(unclassified.Count == 0, "SQL in consts not named *Sql, *SqlServer, *Sqlite or *Fragment: " + string.Join(", ", unclassified));
        Assert.True(orphanFragments.Count == 0, "fragments used in no checked query: " + string.Join(", ", orphanFragments));
    }

    [Fact]
    public void EverySqlLiteralInBaiheData_IsTheValueOfAConst()
    {
        var files = Directory.GetFiles(Repo.PathOf("Baihe.Data"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();
        Assert.NotEmpty(files);

        var offenders = files.SelectMany(f => SqlLiteralsOutsideConsts(File.ReadAllText(f)).Select(line => $"{Path.GetFileName(f)}:{line}")).ToList();

        Assert.True(offenders.Count == 0, "SQL literal outside a const declaration at " + string.Join(", ", offenders));
    }

    [Fact]
    public void SourceScan_FlagsInlineAndInterpolatedSql()
    {
        // Guards the guard.
        const string source = """
            class A
            {
                private const string GoodSql = "SELECT 1;";
                void M(int id) { conn.Query("SELECT Name FROM Team"); conn.Query($"SELECT Name FROM Team WHERE Id = {id}"); }
            }
            """;

        Assert.Equal(2, SqlLiteralsOutsideConsts(source).Count);
    }

    private static string ParseErrors(string sql)
    {
        TSql.Parse(sql, out var errors);
        return TSql.Describe(errors);
    }

    private static string? Dialect(string name) =>
        name.EndsWith("SqlServer", StringComparison.Ordinal) ? "SqlServer"
        : name.EndsWith("Sqlite", StringComparison.Ordinal) ? "Sqlite"
        : name.EndsWith("Sql", StringComparison.Ordinal) ? "Portable"
        : name.EndsWith("Fragment", StringComparison.Ordinal) ? "Fragment"
        : null;

    /// <summary>Every SQL text that runs on SQL Server: the <c>*SqlServer</c> and portable <c>*Sql</c> consts of Baihe.Data.</summary>
    internal static IEnumerable<(string Name, string Sql)> SqlServerTexts() =>
        QueryTexts().Where(q => Dialect(q.Name) is "SqlServer" or "Portable");

    private static IEnumerable<(string Name, string Value)> AllConstStrings() =>
        typeof(DbConnectionFactory).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => ($"{t.Name}.{f.Name}", (string)f.GetRawConstantValue()!)));

    private static IEnumerable<(string Name, string Sql)> QueryTexts() =>
        AllConstStrings().Where(f => Dialect(f.Name) is "SqlServer" or "Sqlite" or "Portable");

    private static readonly Regex Literal = new("""(\$*@?)("{3,})([\s\S]*?)\2|(\$?@?)"((?:[^"\\\n]|\\.)*)"|'(?:[^'\\]|\\.)'""", RegexOptions.Compiled);

    /// <summary>Line numbers of string literals that contain SQL but are not (part of) a const string's value.</summary>
    internal static List<int> SqlLiteralsOutsideConsts(string source)
    {
        var matches = Literal.Matches(source).ToList();
        // Blank every literal out, so statement boundaries can be found without tripping on ';' inside SQL.
        var masked = source.ToCharArray();
        foreach (var m in matches)
        {
            for (var i = m.Index; i < m.Index + m.Length; i++)
            {
                if (masked[i] != '\n')
                {
                    masked[i] = ' ';
                }
            }
        }
        var text = new string(masked);

        var offenders = new List<int>();
        foreach (var m in matches)
        {
            var body = m.Groups[3].Success ? m.Groups[3].Value : m.Groups[5].Value;
            if (!SqlKeyword.IsMatch(body))
            {
                continue;
            }
            var interpolated = (m.Groups[1].Value + m.Groups[4].Value).Contains('$');
            var start = text.LastIndexOfAny([';', '{', '}'], Math.Max(0, m.Index - 1)) + 1;
            var statement = text[start..m.Index];
            if (interpolated || !Regex.IsMatch(statement, @"\bconst\s+string\s+\w+\s*="))
            {
                offenders.Add(source[..m.Index].Count(c => c == '\n') + 1);
            }
        }
        return offenders;
    }
}
