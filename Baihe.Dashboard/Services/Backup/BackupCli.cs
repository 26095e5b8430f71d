using Baihe.Data.Database;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Baihe.Dashboard.Services.Backup;

/// <summary>
/// <c>dotnet run --project Baihe.Dashboard -- backup --out FILE</c> for the nightly timer: an online copy of the
/// embedded database (<see cref="SqliteBackup"/>) while the servers keep serving. It never migrates or seeds: a backup
/// taken after a new release is unpacked but before the servers restart must not change the database under them.
/// Exit codes: 0 written, 1 refused (FILE exists, no database file, a failed check, or SQL Server configured, whose
/// own BACKUP DATABASE it prints), 2 bad usage.
/// </summary>
public static class BackupCli
{
    private const string Usage = "用法：backup --out 备份文件.db";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (args.Length != 3 || args[1] != "--out" || string.IsNullOrWhiteSpace(args[2]))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var path = Path.GetFullPath(args[2]);
        var factory = services.GetRequiredService<DbConnectionFactory>();
        if (!factory.IsSqlite)
        {
            await error.WriteLineAsync(SqlServerAdvice(factory.ConnectionString, path));
            return 1;
        }
        var source = new SqliteConnectionStringBuilder(factory.ConnectionString).DataSource;
        if (!File.Exists(source))
        {
            await error.WriteLineAsync($"找不到数据库文件：{source}。请检查 ConnectionStrings__Baihe。");
            return 1;
        }
        if (File.Exists(path))
        {
            await error.WriteLineAsync($"文件已存在：{path}。备份不会覆盖已有文件，请换一个文件名。");
            return 1;
        }
        try
        {
            var report = await SqliteBackup.RunAsync(factory, path);
            await output.WriteLineAsync($"已备份到 {report.Path}：{report.Bytes} 字节，完整性检查通过（SHA-256 {report.Sha256}）");
            return 0;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"无法写入备份文件 {path}：{e.Message}");
            return 1;
        }
        catch (InvalidDataException e)
        {
            await error.WriteLineAsync($"备份文件未通过检查，已删除：{e.Message}");
            return 1;
        }
    }

    /// <summary>What to run instead on SQL Server, with the configured database's name.</summary>
    public static string SqlServerAdvice(string connectionString, string path)
    {
        var database = new SqlConnectionStringBuilder(connectionString).InitialCatalog is { Length: > 0 } name ? name : "Baihe";
        var file = Path.ChangeExtension(Path.GetFileName(path), ".bak");
        return $"""
            当前配置的是 SQL Server，本命令只备份内置的 SQLite 数据库。请在数据库服务器上用 SQL Server 自己的备份（详见 docs/deploy.md）：
              BACKUP DATABASE [{database}] TO DISK = N'D:\Backup\{file}' WITH CHECKSUM, COMPRESSION, INIT;
              RESTORE VERIFYONLY FROM DISK = N'D:\Backup\{file}' WITH CHECKSUM;
            """;
    }
}
