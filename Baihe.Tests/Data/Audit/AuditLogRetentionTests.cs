using Baihe.Data.Accounts;
using Baihe.Data.Audit;
using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Baihe.Tests.Data.Audit;

/// <summary>The log is append-only; the archive is the one way out, and it is all or nothing.</summary>
public class AuditLogRetentionTests
{
    private static readonly Actor Cli = new(0, "cli", Roles.Admin, null, null, null);

    private static async Task<TestDatabase> WithOldAndNewRowsAsync()
    {
        var db = await TestDatabase.CreateAsync();
        await using var conn = await db.Factory.OpenAsync();
        for (var i = 0; i < 3; i++)
        {
            await Journal.AuditAsync(conn, null, Cli, new DateTime(2025, 1, 10 + i), "User.Create", "AppUser", i + 1, null, new { UserName = "old" + i });
        }
        await Journal.AuditAsync(conn, null, Cli, new DateTime(2026, 6, 1), "User.Create", "AppUser", 9, null, new { UserName = "new" });
        return db;
    }

    private static async Task<List<string>> ActionsAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.QueryAsync<string>("SELECT Action FROM AuditLog ORDER BY Id;")).AsList();
    }

    [Fact]
    public async Task Update_IsRefusedByTheDatabase()
    {
        await using var db = await WithOldAndNewRowsAsync();
        await using var conn = await db.Factory.OpenAsync();

        var ex = await Assert.ThrowsAsync<SqliteException>(() => conn.ExecuteAsync("UPDATE AuditLog SET UserName = 'someone else';"));

        Assert.Contains("只能追加", ex.Message);
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE UserName = 'someone else';"));
    }

    [Fact]
    public async Task Delete_IsRefusedByTheDatabase()
    {
        await using var db = await WithOldAndNewRowsAsync();
        await using var conn = await db.Factory.OpenAsync();

        var ex = await Assert.ThrowsAsync<SqliteException>(() => conn.ExecuteAsync("DELETE FROM AuditLog;"));

        Assert.Contains("只能追加", ex.Message);
        Assert.Equal(4, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog;"));
    }

    [Fact]
    public async Task Archive_HandsTheOldRowsToTheFile_DeletesThem_AndLeavesItsOwnRow()
    {
        await using var db = await WithOldAndNewRowsAsync();
        IReadOnlyList<AuditRow>? written = null;

        var result = await new AuditCommands(db.Factory, db.Clock).ArchiveAsync(Cli, new DateTime(2026, 1, 1), (rows, _) =>
        {
            written = rows;
            return Task.FromResult(new string('a', 64));
        });

        Assert.True(result.Ok, result.Error);
        Assert.Equal(3, result.Id);
        Assert.Equal(3, written!.Count);
        Assert.Equal(["User.Create", "Audit.Archive"], await ActionsAsync(db));
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditArchiveGate;"));
        Assert.Contains("\"Rows\":3", await conn.ExecuteScalarAsync<string>("SELECT AfterJson FROM AuditLog WHERE Action = 'Audit.Archive';"));
        // The gate is closed again: the log is append-only once more.
        await Assert.ThrowsAsync<SqliteException>(() => conn.ExecuteAsync("DELETE FROM AuditLog;"));
    }

    [Fact]
    public async Task Archive_WhenWritingTheFileFails_DeletesNothing()
    {
        await using var db = await WithOldAndNewRowsAsync();
        var before = await ActionsAsync(db);

        await Assert.ThrowsAsync<IOException>(() => new AuditCommands(db.Factory, db.Clock).ArchiveAsync(Cli, new DateTime(2026, 1, 1),
            (_, _) => throw new IOException("disk full")));

        Assert.Equal(before, await ActionsAsync(db));
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditArchiveGate;"));
    }

    [Fact]
    public async Task Archive_BySomeoneNotAdmin_IsRefusedAndAudited()
    {
        await using var db = await WithOldAndNewRowsAsync();
        var secretary = new Actor(0, "cli", Roles.Secretary, null, null, null);

        await Assert.ThrowsAsync<AccessDeniedException>(() => new AuditCommands(db.Factory, db.Clock).ArchiveAsync(secretary, new DateTime(2026, 1, 1),
            (_, _) => Task.FromResult("")));

        Assert.Equal(5, (await ActionsAsync(db)).Count);
        Assert.Equal("Denied:Audit.Archive", (await ActionsAsync(db))[^1]);
    }

    [Fact]
    public async Task Export_ByALead_IsRefusedAndAudited_AndBySecretaryIsAudited()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var commands = new AuditCommands(db.Factory, db.Clock);

        await Assert.ThrowsAsync<AccessDeniedException>(() => commands.ExportRowsAsync(db.ActorAsync("jinjiejie").Result, AuditFilter.None));
        var foreign = await Assert.ThrowsAsync<AccessDeniedException>(() => commands.ExportRowsAsync(db.ActorAsync("shuji").Result, new AuditFilter(CommunityId: 2)));
        await commands.ExportRowsAsync(await db.ActorAsync("shuji"), new AuditFilter(Action: AuditFilter.AllRefusals));

        var actions = await ActionsAsync(db);
        Assert.Equal(["Denied:Audit.Export", "Denied:Audit.Export", "Audit.Export"], actions.TakeLast(3));
        Assert.Equal(AuditCommands.Refusal, foreign.Message);
    }
}
