using System.Net;
using System.Security.Cryptography;
using Baihe.Dashboard.Services.Reports;
using Baihe.Data;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Reports;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baihe.Tests.Dashboard.Services.Reports;

public class ReportArchiveTests
{
    private static ServiceProvider Services(TestDatabase db) =>
        new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(FixedTimeProvider.Default))
            .AddLogging(l => l.AddProvider(NullLoggerProvider.Instance))
            .AddBaiheData(new DatabaseOptions(DatabaseProvider.Sqlite, db.Factory.ConnectionString))
            .AddSingleton<ExportGate>().AddSingleton<ReportExporter>().AddSingleton(new ReportOptions())
            .AddSingleton<ReportArchiver>()
            .BuildServiceProvider();

    private static async Task<int> CountAsync(TestDatabase db, string sql)
    {
        await using var conn = await db.Factory.OpenAsync();
        return await conn.ExecuteScalarAsync<int>(sql);
    }

    [Fact]
    public async Task Regenerating_AddsTheNextVersion_AndKeepsTheOldOneWithItsBytes()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var services = Services(db);
        var archiver = services.GetRequiredService<ReportArchiver>();
        var secretary = await db.ActorAsync("shuji");

        var first = await archiver.GenerateAsync(secretary, new ArchivedReportScope(1, 1), "2026-10", "书记");
        var second = await archiver.GenerateAsync(secretary, new ArchivedReportScope(1, 1), "2026-10", "书记");

        Assert.Null(first.Error);
        Assert.Null(second.Error);
        var history = await services.GetRequiredService<ReportArchiveQueries>().PageAsync(secretary, "2026-10", 1, false, 1, 20);
        Assert.Equal([2, 1], history.Rows.Select(r => r.Version));
        Assert.All(history.Rows, r => Assert.Equal(("书记", false), (r.GeneratedBy, r.IsScheduled)));
        var commands = services.GetRequiredService<ReportArchiveCommands>();
        foreach (var row in history.Rows)
        {
            var file = await commands.DownloadAsync(secretary, row.Id);
            Assert.Equal(row.Sha256, Convert.ToHexString(SHA256.HashData(file.Content)).ToLowerInvariant());
            Assert.Equal(row.SizeBytes, file.Content.Length);
        }
    }

    [Fact]
    public async Task History_ShowsASecretaryTheirCommunity_AnOfficialTheirSubDistrictAndRollUp_AnAdminAll_AndALeadNothing()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var services = Services(db);
        var archiver = services.GetRequiredService<ReportArchiver>();
        var official = await db.ActorAsync("jiedao");
        await using (var conn = await db.Factory.OpenAsync())
        {
            // A second sub-district with a community of its own, whose reports 金东街道's official must not see.
            await conn.ExecuteAsync("INSERT INTO SubDistrict (Id, Name, District, City) VALUES (99, '测试街道', '金平区', '汕头市');");
            await conn.ExecuteAsync("INSERT INTO Community (Id, SubDistrictId, Name) VALUES (99, 99, '测试社区');");
        }
        var communities = (await services.GetRequiredService<Baihe.Data.Communities.CommunityQueries>().ListAsync()).Where(c => c.SubDistrictId == 1).ToList();
        foreach (var c in communities)
        {
            Assert.Null((await archiver.GenerateAsync(official, new ArchivedReportScope(c.Id, 1), "2026-10", "街道干部")).Error);
        }
        Assert.Null((await archiver.GenerateAsync(official, new ArchivedReportScope(null, 1), "2026-10", "街道干部")).Error);
        var foreignOfficial = new Actor(0, "other", Roles.Official, 99, null, null);
        Assert.Null((await archiver.GenerateAsync(foreignOfficial, new ArchivedReportScope(99, 99), "2026-10", "其他街道")).Error);
        var queries = services.GetRequiredService<ReportArchiveQueries>();

        async Task<List<int?>> Seen(Actor actor) => (await queries.PageAsync(actor, null, null, false, 1, 100)).Rows.Select(r => r.CommunityId).ToList();

        Assert.Equal([1], await Seen(await db.ActorAsync("shuji")));
        var officialSees = await Seen(official);
        Assert.Equal(communities.Count + 1, officialSees.Count);
        Assert.Contains(null, officialSees);
        Assert.DoesNotContain(99, officialSees);
        Assert.Equal(communities.Count + 2, (await Seen(await db.ActorAsync("admin"))).Count);
        Assert.Empty(await Seen(await db.ActorAsync("jinjiejie")));
        // The roll-up filter: only the roll-up.
        Assert.Equal([null], (await queries.PageAsync(official, "2026-10", null, true, 1, 100)).Rows.Select(r => r.CommunityId));
    }

    [Fact]
    public async Task DownloadingAForeignOrUnknownId_IsRefusedAndAudited_AndALeadMayNotGenerate()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var services = Services(db);
        var archiver = services.GetRequiredService<ReportArchiver>();
        var official = await db.ActorAsync("jiedao");
        var other = (await services.GetRequiredService<Baihe.Data.Communities.CommunityQueries>().ListAsync()).First(c => c.Id != 1);
        var foreign = (await archiver.GenerateAsync(official, new ArchivedReportScope(other.Id, other.SubDistrictId), "2026-10", "街道干部")).Id!.Value;
        var commands = services.GetRequiredService<ReportArchiveCommands>();
        var secretary = await db.ActorAsync("shuji");

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => commands.DownloadAsync(secretary, foreign));
        var unknown = await Assert.ThrowsAsync<AccessDeniedException>(() => commands.DownloadAsync(secretary, 987654));
        var lead = await archiver.GenerateAsync(await db.ActorAsync("jinjiejie"), new ArchivedReportScope(1, 1), "2026-10", "队长");
        var secretaryRollUp = await archiver.GenerateAsync(secretary, new ArchivedReportScope(null, 1), "2026-10", "书记");

        Assert.Equal(ReportArchiveCommands.DownloadRefusal, refused.Message);
        Assert.Equal(ReportArchiveCommands.DownloadRefusal, unknown.Message);
        Assert.Equal(2, await CountAsync(db, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:Report.Download';"));
        Assert.True(lead.Denied);
        Assert.True(secretaryRollUp.Denied);
        Assert.Equal(2, await CountAsync(db, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:Report.Archive';"));
        Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM ReportArchive;"));
        Assert.NotNull(await commands.DownloadAsync(official, foreign));
    }

    [Fact]
    public async Task TheRealHost_RunsTheScheduleAtStart_AndItsDownloadEndpointServesOwnReportsAndRefusesAndAuditsForeignOnes()
    {
        await using var app = new AppFactory();
        app.Settings["Reports:Schedule:Enabled"] = "true";
        app.Settings["Reports:Schedule:StartDelaySeconds"] = "0";
        using var secretary = await app.SignedInClientAsync("shuji");
        using var admin = await app.SignedInClientAsync("admin");
        using var lead = await app.SignedInClientAsync("jinjiejie");
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabaseFile}");
        var until = DateTime.UtcNow.AddSeconds(120);
        while (await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM ReportScheduleRun WHERE CompletedAt IS NOT NULL;") == 0)
        {
            Assert.True(DateTime.UtcNow < until, "the start-up run did not complete");
            await Task.Delay(100);
        }
        var own = await db.QuerySingleAsync<(long Id, string Sha256)>("SELECT Id, Sha256 FROM ReportArchive WHERE CommunityId = 1;");
        var foreign = await db.ExecuteScalarAsync<long>("SELECT MIN(Id) FROM ReportArchive WHERE CommunityId <> 1;");

        var ok = await secretary.GetAsync($"/reports/archive/{own.Id}");
        var refused = await secretary.GetAsync($"/reports/archive/{foreign}");
        var unknown = await secretary.GetAsync("/reports/archive/987654");
        var byAdmin = await admin.GetAsync($"/reports/archive/{foreign}");
        var byLead = await lead.GetAsync($"/reports/archive/{own.Id}");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(own.Sha256, Convert.ToHexString(SHA256.HashData(await ok.Content.ReadAsByteArrayAsync())).ToLowerInvariant());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(ReportArchiveCommands.DownloadRefusal, await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byLead.StatusCode);
        Assert.Equal(3, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:Report.Download';"));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM ReportArchive WHERE CommunityId = 1;"));
    }
}
