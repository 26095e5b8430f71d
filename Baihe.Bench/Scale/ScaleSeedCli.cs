using System.Globalization;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data;
using Baihe.Data.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Bench.Scale;

/// <summary>
/// <c>dotnet run --project Baihe.Bench -- seed-scale --communities 30 --residents 60000 --ledger 1000000
/// --tasks 50000 --wishes 100000 [--out FILE | --provider sqlserver [--connection "..."]]</c>: generates the
/// sub-district-sized data set the query benchmark runs on into a new SQLite file, into an empty SQL Server database
/// (migrated first, then bulk-copied), or into the configured database when it is empty. Prints each table's rows per
/// second. Exit codes: 0 written, 1 refused (file exists, database not empty or not reachable), 2 bad usage.
/// </summary>
public static class ScaleSeedCli
{
    private const string Usage = """
        用法：seed-scale [--communities 30] [--residents 60000] [--ledger 1000000] [--tasks 50000] [--wishes 100000]
                         [--out 文件.db | --provider sqlserver [--connection "连接字符串"]]
        --out 写入一个新的 SQLite 文件；--provider sqlserver --connection 写入一个空的 SQL Server 数据库（先迁移，再批量导入）；
        两者都不给时写入已配置的数据库（须为空）。
        """;

    /// <summary>Parses the options; null and a Chinese message when they are wrong.</summary>
    public static (ScaleOptions? Options, string? Out, string? Error) Parse(IReadOnlyList<string> args)
    {
        var (options, target, error) = ParseWithTarget(args);
        return (options, target?.File, error);
    }

    /// <summary>Parses the sizes and where to write them; null and a Chinese message when they are wrong.</summary>
    public static (ScaleOptions? Options, ScaleTarget? Target, string? Error) ParseWithTarget(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] known = ["communities", "residents", "ledger", "tasks", "wishes", "out", "provider", "connection"];
        for (var i = 1; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || !known.Contains(args[i][2..]) || i + 1 >= args.Count)
            {
                return (null, null, $"无法识别的参数：{args[i]}\n{Usage}");
            }
            values[args[i][2..]] = args[++i];
        }
        var d = ScaleOptions.Default;
        int Read(string name, int fallback, ref string? error)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }
            error ??= $"--{name} 应为非负整数，收到“{text}”。";
            return 0;
        }
        string? error = null;
        var options = new ScaleOptions(Read("communities", d.Communities, ref error), Read("residents", d.Residents, ref error),
            Read("ledger", d.Ledger, ref error), Read("tasks", d.Tasks, ref error), Read("wishes", d.Wishes, ref error));
        error ??= options.Validate();
        if (values.TryGetValue("out", out var path) && string.IsNullOrWhiteSpace(path))
        {
            error ??= "--out 应为文件路径。";
        }
        DatabaseProvider? provider = null;
        if (values.TryGetValue("provider", out var named))
        {
            provider = named.ToLowerInvariant() switch
            {
                "sqlite" => DatabaseProvider.Sqlite,
                "sqlserver" => DatabaseProvider.SqlServer,
                _ => null,
            };
            error ??= provider is null ? $"--provider 应为 sqlite 或 sqlserver，收到“{named}”。" : null;
        }
        values.TryGetValue("connection", out var connection);
        if (connection is not null && string.IsNullOrWhiteSpace(connection))
        {
            error ??= "--connection 应为连接字符串。";
        }
        if (path is not null && (provider == DatabaseProvider.SqlServer || connection is not null))
        {
            error ??= "--out 只用于新的 SQLite 文件，不能与 --provider sqlserver 或 --connection 一起使用。";
        }
        if (connection is not null && provider is null)
        {
            error ??= "给出 --connection 时请同时用 --provider 指明数据库类型（sqlite 或 sqlserver）。";
        }
        var target = path is not null ? new ScaleTarget(DatabaseProvider.Sqlite, path, null) : new ScaleTarget(provider, null, connection);
        return error is null ? (options, target, null) : (null, null, $"{error}\n{Usage}");
    }

    /// <summary>
    /// The database the app itself would use: <c>Database:Provider</c> and <c>ConnectionStrings:Baihe</c> from the
    /// environment (<c>ConnectionStrings__Baihe</c>), else the app's embedded file under Baihe.Dashboard, so that
    /// seed-scale without --out still loads the database the dashboard opens.
    /// </summary>
    public static ServiceProvider ConfiguredServices()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Baihe.sln")) && Path.GetDirectoryName(root.TrimEnd('/')) is { } parent)
        {
            root = parent;
        }
        var dashboard = Path.Combine(root, "Baihe.Dashboard");
        var contentRoot = Directory.Exists(dashboard) ? dashboard : Directory.GetCurrentDirectory();
        return new ServiceCollection()
            .AddBaiheData(BaiheDataServices.ReadOptions(configuration, contentRoot))
            .BuildServiceProvider();
    }

    /// <summary>Runs the command and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, IServiceProvider? services, TextWriter output, TextWriter error)
    {
        var (options, target, problem) = ParseWithTarget(args);
        if (options is null || target is null)
        {
            await error.WriteLineAsync(problem);
            return 2;
        }
        DbConnectionFactory factory;
        if (target.File is { } path)
        {
            var full = Path.GetFullPath(path);
            if (File.Exists(full))
            {
                await error.WriteLineAsync($"文件已存在：{full}。规模数据只写入新文件，请换一个文件名或先删除它。");
                return 1;
            }
            factory = new DbConnectionFactory(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={full}"));
        }
        else if (target.Connection is { } connection)
        {
            factory = new DbConnectionFactory(new DatabaseOptions(target.Provider!.Value, connection));
        }
        else
        {
            if (services is null)
            {
                await error.WriteLineAsync("没有已配置的数据库：请用 --out 或 --provider/--connection 指明写入哪里。");
                return 1;
            }
            factory = services.GetRequiredService<DbConnectionFactory>();
            if (target.Provider is { } wanted && factory.Provider != wanted)
            {
                await error.WriteLineAsync($"已配置的数据库是 {factory.Provider}，不是 --provider 指定的 {wanted}：请用 --connection 给出连接字符串。");
                return 1;
            }
        }
        try
        {
            DatabaseMigrator.Migrate(factory);
        }
        catch (Exception e) when (!factory.IsSqlite)
        {
            // Unreachable server, missing rights, or a collation the migrator refuses: say so instead of a stack trace.
            await error.WriteLineAsync($"无法连接或迁移 SQL Server 数据库：{e.Message}");
            return 1;
        }
        var clock = services?.GetService<BaiheClock>() ?? new BaiheClock(TimeProvider.System);
        var seeder = new ScaleSeeder(factory, clock);
        if (!await seeder.IsEmptyAsync())
        {
            await error.WriteLineAsync(factory.IsSqlite
                ? "数据库中已有数据；规模数据只写入空数据库。"
                : "SQL Server 数据库中已有数据；规模数据只写入空数据库（请新建一个空数据库，迁移由本命令完成）。");
            return 1;
        }
        var loads = await GenerateAsync(seeder, options, output);
        await output.WriteLineAsync($"已生成规模数据（{(factory.IsSqlite ? "SQLite" : "SQL Server")}）：{loads.Where(l => l.Rows > 0).Sum(l => l.Rows):N0} 行。");
        return 0;
    }

    /// <summary>Generates the data set and prints each table's rows per second (also used by the query benchmark).</summary>
    public static async Task<IReadOnlyList<TableLoad>> GenerateAsync(ScaleSeeder seeder, ScaleOptions options, TextWriter output)
    {
        var total = System.Diagnostics.Stopwatch.StartNew();
        // Nobody knows this password: the generated accounts give scopes to the data, not sign-ins.
        var loads = await seeder.SeedAsync(options, SignInService.Hash(Guid.NewGuid().ToString()));
        total.Stop();
        await output.WriteLineAsync($"seed-scale {options.Communities} communities, {options.Residents:N0} residents, {options.Ledger:N0} ledger, " +
            $"{options.Tasks:N0} tasks, {options.Wishes:N0} wishes: {total.Elapsed.TotalSeconds:F1} s");
        await output.WriteLineAsync("| Table | Rows | Insert time (s) | Rows/s |");
        await output.WriteLineAsync("| --- | ---: | ---: | ---: |");
        foreach (var l in loads.OrderByDescending(l => l.Rows))
        {
            await output.WriteLineAsync($"| {l.Table} | {l.Rows:N0} | {l.Time.TotalSeconds:F2} | {l.RowsPerSecond:N0} |");
        }
        return loads;
    }
}
