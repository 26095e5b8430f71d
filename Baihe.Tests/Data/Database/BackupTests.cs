using Baihe.Dashboard.Services.Backup;
using Baihe.Data;
using Baihe.Data.Database;
using Baihe.Data.Points;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Data.Database;

/// <summary>The nightly backup: an online copy taken while the servers write, restored and checked.</summary>
public sealed class BackupTests : IDisposable
{
    private const int Writes = 1000;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "baihe-tests", $"backup-{Guid.NewGuid():N}");

    [Fact]
    public async Task ABackup_TakenDuring1000ConcurrentWrites_RestoresToAWholeDatabase_WhoseLedgerMatchesItsBalances()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var secretary = await db.ActorAsync("shuji");
        var ledger = new LedgerCommands(db.Factory, db.Clock);
        List<int> members;
        List<int> categories;
        await using (var conn = await db.Factory.OpenAsync())
        {
            members = (await conn.QueryAsync<int>("SELECT Id FROM Member ORDER BY Id LIMIT 40;")).AsList();
            categories = (await conn.QueryAsync<int>("SELECT Id FROM PointCategory ORDER BY Id;")).AsList();
        }
        // Eight writers keep writing until at least 1,000 entries are in and each has written again after the backup
        // finished, so the backup is taken in the middle of the writes however fast or slow this machine is.
        var done = 0;
        var backupDone = false;
        var halfway = new TaskCompletionSource();
        async Task Writer(int worker)
        {
            for (var i = worker; ; i += 8)
            {
                var after = Volatile.Read(ref backupDone);
                var result = await ledger.RecordServiceAsync(secretary, members[i % members.Count], categories[i % categories.Count], db.Clock.Today, $"备份测试 {i}");
                Assert.True(result.Ok, result.Error);
                if (Interlocked.Increment(ref done) >= Writes / 3)
                {
                    halfway.TrySetResult();
                }
                if (after && Volatile.Read(ref done) >= Writes)
                {
                    return;
                }
            }
        }
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(() => Writer(w))).ToList();
        await halfway.Task.WaitAsync(TimeSpan.FromMinutes(2));

        var backupFile = Path.Combine(_dir, "baihe-nightly.db");
        var report = await SqliteBackup.RunAsync(db.Factory, backupFile);
        Volatile.Write(ref backupDone, true);
        await Task.WhenAll(writers);

        Assert.Equal(backupFile, report.Path);
        Assert.False(File.Exists(backupFile + ".partial"));
        int written;
        await using (var live = await db.Factory.OpenAsync())
        {
            written = await live.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry WHERE Note LIKE '备份测试 %';");
        }
        Assert.True(written >= Writes, $"only {written} writes");

        // Restore: the copy is opened as the database by a fresh set of services, as a server pointed at it would.
        await using var restored = new ServiceCollection()
            .AddBaiheData(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={backupFile}"))
            .BuildServiceProvider();
        var factory = restored.GetRequiredService<DbConnectionFactory>();
        await using (var conn = (SqliteConnection)await factory.OpenAsync())
        {
            Assert.Equal("ok", await conn.ExecuteScalarAsync<string>("PRAGMA integrity_check;"));
            Assert.Empty(await conn.QueryAsync("PRAGMA foreign_key_check;"));
            // One instant of the database: every entry the writers made is there with its audit row, or neither is.
            var entries = await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry WHERE Note LIKE '备份测试 %';");
            var audits = await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Points.RecordService';");
            Assert.Equal(entries, audits);
            // Taken mid-way: a third of the writes were in, and every writer wrote again after it.
            Assert.InRange(entries, Writes / 3, written - 8);

            var points = restored.GetRequiredService<PointsQueries>();
            var sums = (await conn.QueryAsync<(long MemberId, long Points)>("SELECT MemberId, SUM(Points) FROM PointEntry GROUP BY MemberId;")).ToList();
            Assert.NotEmpty(sums);
            foreach (var (memberId, sum) in sums)
            {
                var shown = await points.MemberAsync((int)memberId, db.Clock.ThisYear);
                Assert.Equal(sum, shown!.Balance);
            }
        }
    }

    [Fact]
    public async Task TheBackupCommand_WritesAFile_RefusesAnExistingOne_AndExplainsItsUsage()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var services = Services($"Data Source={db.File}", DatabaseProvider.Sqlite);
        var file = Path.Combine(_dir, "cli.db");

        var (written, writtenOut, _) = await RunAsync(services, "backup", "--out", file);
        var (refused, _, refusedError) = await RunAsync(services, "backup", "--out", file);
        var (badUsage, _, usage) = await RunAsync(services, "backup", file);

        Assert.Equal(0, written);
        Assert.Contains("已备份到", writtenOut, StringComparison.Ordinal);
        Assert.True(File.Exists(file));
        Assert.Equal(1, refused);
        Assert.Contains("文件已存在", refusedError, StringComparison.Ordinal);
        Assert.Equal(2, badUsage);
        Assert.Contains("用法：backup --out", usage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBackupCommand_OnSqlServer_RefusesAndPrintsSqlServersOwnBackup()
    {
        await using var services = Services("Server=db.example;Database=BaiheProd;Integrated Security=true", DatabaseProvider.SqlServer);

        var (code, _, error) = await RunAsync(services, "backup", "--out", Path.Combine(_dir, "x.db"));

        Assert.Equal(1, code);
        Assert.Contains("BACKUP DATABASE [BaiheProd]", error, StringComparison.Ordinal);
        Assert.Contains("WITH CHECKSUM, COMPRESSION", error, StringComparison.Ordinal);
        Assert.Contains("RESTORE VERIFYONLY", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "x.db")));
    }

    private static ServiceProvider Services(string connectionString, DatabaseProvider provider) =>
        new ServiceCollection().AddBaiheData(new DatabaseOptions(provider, connectionString)).BuildServiceProvider();

    private static async Task<(int Code, string Output, string Error)> RunAsync(IServiceProvider services, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await BackupCli.RunAsync(args, services, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
