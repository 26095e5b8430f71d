using Baihe.Data.Database;
using Baihe.Data.Reports;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Reports;

/// <summary>
/// The report's ledger is read as ids with the names looked up once per stream: every line must still show exactly the
/// names the ledger's own joins give, in the sheet's order.
/// </summary>
public sealed class LedgerStreamTests
{
    private static readonly Period October = new(new DateTime(2026, 10, 1), new DateTime(2026, 11, 1));

    // The reading the stream replaced: every name joined on each line.
    private const string JoinedSql = """
        SELECT pe.OccurredOn, m.Name, g.Name AS Grid, pc.Name AS Area, pe.Points, pe.Source, pe.Note, u.DisplayName AS RecordedBy
        FROM PointEntry pe
        JOIN Member m ON m.Id = pe.MemberId
        JOIN Grid g ON g.Id = m.GridId
        JOIN PointCategory pc ON pc.Id = pe.CategoryId
        LEFT JOIN AppUser u ON u.Id = pe.RecordedByUserId
        WHERE g.CommunityId = @CommunityId AND pe.OccurredOn >= @From AND pe.OccurredOn < @To
        ORDER BY pe.OccurredOn, pe.Id;
        """;

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryLineOfTheMonth_ShowsTheNamesTheJoinsGive_InTheSheetsOrder(DatabaseProvider provider)
    {
        TestDatabase.SkipUnlessAvailable(provider);
        await using var db = await TestDatabase.WithAccountsAsync(provider);
        await using (var conn = await db.Factory.OpenAsync())
        {
            // Lines with and without a recorder and a note, and a line of another community, which must not appear.
            await conn.ExecuteAsync("""
                INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt, Note, RecordedByUserId)
                VALUES ((SELECT MIN(m.Id) FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = 1), 2, 3, '2026-10-09', 'Service', '2026-10-09', '有记录人', (SELECT MIN(Id) FROM AppUser));
                INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt)
                VALUES ((SELECT MAX(m.Id) FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = 1), 4, -2, '2026-10-09', 'Correction', '2026-10-09');
                INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt, Note)
                VALUES ((SELECT MIN(m.Id) FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = 2), 1, 1, '2026-10-09', 'Service', '2026-10-09', '别的社区');
                """);
        }
        await using var read = await db.Factory.OpenAsync();
        var expected = (await read.QueryAsync<LedgerLine>(JoinedSql, new { CommunityId = 1, October.From, October.To })).ToList();

        var lines = await new ReportQueries(db.Factory).LedgerStreamAsync(1, October).ToListAsync();

        Assert.True(expected.Count > 10, $"the demo's October should have ledger lines, found {expected.Count}");
        Assert.Contains(expected, l => l.RecordedBy is not null);
        Assert.Contains(expected, l => l.RecordedBy is null && l.Note is null);
        Assert.DoesNotContain(lines, l => l.Note == "别的社区");
        Assert.Equal(expected, lines);
    }

    [Fact]
    public async Task APersonAddedAfterTheNamesWereRead_StillShowsTheirNameAndGrid()
    {
        await using var db = await TestDatabase.SeededAsync();
        var queries = new ReportQueries(db.Factory);
        ReportQueries.LedgerNames stale;
        await using (var conn = await db.Factory.OpenAsync())
        {
            stale = await ReportQueries.LedgerNames.ReadAsync(conn, 1, CancellationToken.None);
        }
        var newcomer = await db.FreshMemberAsync("新来的邻居", 0);
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt, Note) VALUES (@newcomer, 1, 5, '2026-10-20', 'Service', '2026-10-20', '新人第一次服务');",
                new { newcomer });
        }
        Assert.Null(stale.Member(newcomer));

        var lines = await queries.LedgerStreamAsync(1, October, stale, CancellationToken.None).ToListAsync();

        var line = Assert.Single(lines, l => l.Note == "新人第一次服务");
        Assert.Equal("新来的邻居", line.Name);
        await using var check = await db.Factory.OpenAsync();
        var grid = await check.ExecuteScalarAsync<string>("SELECT Name FROM Grid WHERE Id = 1;");
        Assert.Equal(grid, line.Grid);
        Assert.Equal(5, line.Points);
    }
}
