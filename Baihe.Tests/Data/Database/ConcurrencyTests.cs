using Baihe.Data.Database;
using Baihe.Data.Points;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Database;

/// <summary>
/// Commands racing each other on one row, on SQLite (writers serialized by the file lock) and on SQL Server with
/// READ_COMMITTED_SNAPSHOT off and on (row locks; under RCSI a plain read sees the last committed version instead of
/// waiting). Each test checks what was written against what each caller was told, so a check-then-write that lets two
/// transactions pass the same check shows up as a row nobody should have been able to write. Ten parallel fulfilments
/// of one wish run on the same three settings in <c>WishInputTests</c>.
/// </summary>
public class ConcurrencyTests
{
    private const int Entries = 50;
    private const int EntryPoints = 2;
    private const int HousekeepingCost = 10; // 家政 in the demo catalogue

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.ProvidersWithSnapshot), MemberType = typeof(TestDatabase))]
    public async Task FiftyCorrectionsRacingFiftyRedemptions_NeverTakeTheBalanceBelowZero_AndEveryAnswerMatchesTheLedger(
        DatabaseProvider provider, bool readCommittedSnapshot)
    {
        await using var db = await TestDatabase.WithAccountsAsync(provider, readCommittedSnapshot);
        var shuji = await db.ActorAsync("shuji");
        // 50 services of 2 points: 100 points, against 50 reversals (100) and 50 redemptions (500) asked for at once.
        var (member, entries) = await MemberWithServicesAsync(db, Entries, EntryPoints);
        var reward = await ScalarAsync<int>(db, "SELECT Id FROM Reward WHERE Name = @Name AND CommunityId = 1;", new { Name = "家政" });
        var ledger = new LedgerCommands(db.Factory, db.Clock);
        var exchange = new ExchangeCommands(db.Factory, db.Clock);

        // Interleaved, so corrections and redemptions of the same balance are in flight together.
        var calls = entries.SelectMany((entry, i) => new (string Kind, long Key, Func<Task<CommandResult>> Call)[]
        {
            ("Correct", entry, () => ledger.CorrectAsync(shuji, entry, "重复登记")),
            ("Redeem", i, () => exchange.RedeemAsync(shuji, member, reward, $"race-{i}")),
        }).ToList();
        var results = await Task.WhenAll(calls.Select(c => Task.Run(c.Call)));
        var answers = calls.Zip(results, (c, r) => (c.Kind, c.Key, Result: r)).ToList();

        var corrected = answers.Where(a => a.Kind == "Correct" && a.Result.Ok).Select(a => a.Key).Order().ToList();
        var redeemed = answers.Count(a => a.Kind == "Redeem" && a.Result.Ok);
        var balance = await ScalarAsync<int>(db, "SELECT COALESCE(SUM(Points), 0) FROM PointEntry WHERE MemberId = @member;", new { member });

        Assert.True(balance >= 0, $"balance {balance}");
        Assert.Equal(Entries * EntryPoints - corrected.Count * EntryPoints - redeemed * HousekeepingCost, balance);
        // Each success wrote exactly its rows, and each refusal none.
        Assert.Equal(corrected, (await QueryAsync<long>(db,
            "SELECT ReversesEntryId FROM PointEntry WHERE MemberId = @member AND Source = 'Correction' ORDER BY ReversesEntryId;", new { member })).ToList());
        Assert.Equal(redeemed, await ScalarAsync<int>(db, "SELECT COUNT(*) FROM Redemption WHERE MemberId = @member;", new { member }));
        Assert.Equal(redeemed, await ScalarAsync<int>(db,
            "SELECT COUNT(*) FROM PointEntry WHERE MemberId = @member AND Source = 'Redemption' AND Points = @cost;", new { member, cost = -HousekeepingCost }));
        Assert.Equal(corrected.Count, await ScalarAsync<int>(db, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Points.Correct';"));
        Assert.Equal(redeemed, await ScalarAsync<int>(db, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Points.Redeem';"));
        // Every refusal was for want of points, and the balance only goes down here: so after a refused redemption
        // less than its cost is left, and after a refused reversal less than the entry.
        Assert.All(answers.Where(a => !a.Result.Ok), a => Assert.Contains(a.Kind == "Correct" ? "余额将为负" : "积分不足", a.Result.Error));
        if (answers.Any(a => a.Kind == "Redeem" && !a.Result.Ok))
        {
            Assert.True(balance < HousekeepingCost, $"a redemption was refused, yet {balance} points are left");
        }
        if (answers.Any(a => a.Kind == "Correct" && !a.Result.Ok))
        {
            Assert.True(balance < EntryPoints, $"a correction was refused, yet {balance} points are left");
        }
        Assert.Contains(answers, a => !a.Result.Ok);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.ProvidersWithSnapshot), MemberType = typeof(TestDatabase))]
    public async Task AWinnerChangeRacingPublicity_IsEitherInThePublishedResultOrRefused_NeverMadeAfterIt(DatabaseProvider provider, bool readCommittedSnapshot)
    {
        await using var db = await TestDatabase.WithAccountsAsync(provider, readCommittedSnapshot);
        var shuji = await db.ActorAsync("shuji");
        var evaluations = new EvaluationCommands(db.Factory, db.Clock);
        var today = db.Clock.Today;
        var half = Period.HalfOf(today);

        // One round per evaluation the community can hold for this half-year (overall and per area), to give the race
        // several chances to go either way.
        int?[] categories = [null, 1, 2, 3, 4, 5];
        var rounds = 0;
        foreach (var category in categories)
        {
            var created = await evaluations.CreateAsync(shuji, 1, today.Year, half, category, 5);
            if (!created.Ok)
            {
                continue; // an area without points this half-year has nobody to shortlist
            }
            rounds++;
            var id = created.Id!.Value;
            var shortlist = await QueryAsync<int>(db, "SELECT MemberId FROM EvaluationResult WHERE EvaluationId = @id ORDER BY Rank, MemberId;", new { id });
            Assert.True(shortlist.Count >= 2, $"category {category}: shortlist of {shortlist.Count}");
            var (first, second) = (shortlist[0], shortlist[1]);
            Assert.True((await evaluations.SetWinnerAsync(shuji, id, first, true)).Ok);

            using var start = new Barrier(2);
            var change = Task.Run(() =>
            {
                start.SignalAndWait();
                return evaluations.SetWinnerAsync(shuji, id, second, true);
            });
            var publicise = Task.Run(() =>
            {
                start.SignalAndWait();
                return evaluations.PubliciseAsync(shuji, id, today.AddDays(7));
            });
            var (changed, publicised) = (await change, await publicise);

            Assert.True(publicised.Ok, publicised.Error);
            Assert.Equal("Publicised", await ScalarAsync<string>(db, "SELECT Status FROM Evaluation WHERE Id = @id;", new { id }));
            var winners = await QueryAsync<int>(db, "SELECT MemberId FROM EvaluationResult WHERE EvaluationId = @id AND IsWinner = 1 ORDER BY MemberId;", new { id });
            var audit = await QueryAsync<string>(db,
                "SELECT Action FROM AuditLog WHERE EntityType = 'Evaluation' AND EntityId = @Id AND Action NOT LIKE 'Denied:%' ORDER BY Id;",
                new { Id = id.ToString() });
            if (changed.Ok)
            {
                // The change came first, so the publicised result carries it.
                Assert.Equal(new[] { first, second }.Order(), winners);
                Assert.Equal(["Evaluation.Create", "Evaluation.SetWinner", "Evaluation.SetWinner", "Evaluation.Publicise"], audit);
            }
            else
            {
                Assert.Contains("不能再改", changed.Error);
                Assert.Equal([first], winners);
                Assert.Equal(["Evaluation.Create", "Evaluation.SetWinner", "Evaluation.Publicise"], audit);
            }
        }
        Assert.True(rounds > 0, "no evaluation could be created from the demo seed");
    }

    /// <summary>A new resident of community 1 with <paramref name="count"/> services of <paramref name="points"/> each.</summary>
    private static async Task<(int Member, List<long> Entries)> MemberWithServicesAsync(TestDatabase db, int count, int points)
    {
        await using var conn = await db.Factory.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var member = await SqlIdentity.InsertAsync(conn, tx, db.Factory.IsSqlite,
            "INSERT INTO Member (GridId, Name, CreatedAt) VALUES (1, @Name, '2026-01-01 00:00:00');", new { Name = "并发测试" });
        var entries = new List<long>(count);
        for (var i = 0; i < count; i++)
        {
            entries.Add(await SqlIdentity.InsertAsync(conn, tx, db.Factory.IsSqlite,
                "INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt) VALUES (@Member, 3, @Points, '2026-03-01 00:00:00', 'Service', '2026-03-01 00:00:00');",
                new { Member = member, Points = points }));
        }
        await tx.CommitAsync();
        return (member, entries);
    }

    private static async Task<T> ScalarAsync<T>(TestDatabase db, string sql, object? args = null)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }

    private static async Task<List<T>> QueryAsync<T>(TestDatabase db, string sql, object? args = null)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.QueryAsync<T>(sql, args)).ToList();
    }
}
