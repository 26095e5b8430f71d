using Baihe.Data.Summaries;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Residents;

namespace Baihe.Data.Points;

/// <summary>
/// 一次一积分: single services go into the append-only ledger at the points of the active rule, which the entry
/// records; corrections are reversing entries. Nothing here updates or deletes a ledger row (the database refuses
/// that too).
/// </summary>
public sealed class LedgerCommands(DbConnectionFactory db, BaiheClock clock)
{
    /// <summary>The rule single services earn by (一次一积分).</summary>
    public const string PerServiceRule = "PerService";

    private const string RuleSql = "SELECT Id, Points FROM PointRule WHERE Code = @Code AND IsActive = 1;";

    private const string CategoryExistsSql = "SELECT COUNT(*) FROM PointCategory WHERE Id = @CategoryId;";

    private const string EntrySql = """
        SELECT e.Id, e.MemberId, e.CategoryId, e.Points, e.Source, e.OccurredOn,
               (SELECT COUNT(*) FROM PointEntry r WHERE r.ReversesEntryId = e.Id) AS Reversed
        FROM PointEntry e
        WHERE e.Id = @EntryId;
        """;

    /// <summary>The longest note or reason on a ledger entry (PointEntry.Note is NVARCHAR(200)).</summary>
    public const int MaxNoteLength = 200;

    /// <summary>Records one service by a resident in one of the five areas.</summary>
    public Task<CommandResult> RecordServiceAsync(Actor actor, int memberId, int categoryId, DateTime occurredOn, string? note, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Points", async w =>
        {
            var attempted = new { categoryId, occurredOn, note };
            var member = await ResidentQueries.ScopeAsync(w, memberId);
            if (member is null)
            {
                throw await w.DeniedAsync("Points.RecordService", "Member", memberId, attempted, MemberMissing);
            }
            if (!PointsRules.CanActFor(actor, member))
            {
                throw await w.DeniedAsync("Points.RecordService", "Member", memberId, attempted);
            }
            if (await w.ScalarAsync<int>(CategoryExistsSql, new { CategoryId = categoryId }) == 0)
            {
                return CommandResult.Fail("请选择服务板块：民主建设、文明创建、邻里互助、安全生产或调解纠纷。");
            }
            if (DateInput.Check(occurredOn, "服务日期", w.Now.Date) is { } dateError)
            {
                return CommandResult.Fail(dateError);
            }
            if (occurredOn.Date < new DateTime(w.Now.Year - 1, 1, 1))
            {
                return CommandResult.Fail("只能补记今年和去年的服务。");
            }
            if (TextInput.Check(note, MaxNoteLength, "备注", out var text, required: false) is { } noteError)
            {
                return CommandResult.Fail(noteError);
            }
            var r = await w.SingleOrDefaultAsync<RuleRow>(RuleSql, new { Code = PerServiceRule });
            if (r is null)
            {
                return CommandResult.Fail("积分规则“一次一积分”未启用，暂不能记分。");
            }
            var id = await PointLedger.AppendAsync(w, new NewPointEntry(memberId, categoryId, r.Points, occurredOn.Date, PointSource.Service)
            {
                RuleId = r.Id, RecordedByUserId = UserId(actor), Note = text.Length == 0 ? null : text,
            });
            w.Audit("Points.RecordService", "PointEntry", id, null, new { memberId, categoryId, Points = r.Points, OccurredOn = occurredOn.Date });
            return CommandResult.Success(id);
        }, ct);

    /// <summary>
    /// Reverses an entry with an entry of the opposite sign (冲正). A reversal happens once; it is refused when it
    /// would leave the balance below zero. Only the community's secretary corrects the ledger.
    /// </summary>
    public Task<CommandResult> CorrectAsync(Actor actor, long entryId, string? reason, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Points", async w =>
        {
            var entry = await w.SingleOrDefaultAsync<EntryRow>(EntrySql, new { EntryId = entryId });
            var member = entry is null ? null : await ResidentQueries.ScopeAsync(w, entry.MemberId);
            if (entry is null || member is null)
            {
                throw await w.DeniedAsync("Points.Correct", "PointEntry", entryId, new { reason }, "找不到这条积分记录。");
            }
            if (!PointsRules.CanCorrect(actor, member))
            {
                throw await w.DeniedAsync("Points.Correct", "PointEntry", entryId, new { reason });
            }
            if (TextInput.Check(reason, MaxNoteLength, "冲正原因", out var why) is { } reasonError)
            {
                return CommandResult.Fail(reasonError);
            }
            if (entry.Source is PointSource.Correction or PointSource.Redemption)
            {
                return CommandResult.Fail("冲正记录和兑换记录不能再冲正；兑换请在兑换记录中处理。");
            }
            if (entry.Reversed > 0)
            {
                return CommandResult.Fail(AlreadyReversed);
            }
            // The same member lock as a redemption: a redemption committed between this read and the insert below would
            // otherwise take the balance the reversal was checked against.
            var balance = await Balances.LockAndReadAsync(w, entry.MemberId);
            if (balance - entry.Points < 0)
            {
                return CommandResult.Fail($"冲正后积分余额将为负（当前 {balance} 分）。");
            }
            int id;
            try
            {
                id = await PointLedger.AppendAsync(w, new NewPointEntry(entry.MemberId, entry.CategoryId, -entry.Points, w.Now.Date, PointSource.Correction)
                {
                    ReversesEntryId = entry.Id, RecordedByUserId = UserId(actor), Note = why,
                });
            }
            catch (Exception e) when (UniqueViolation.Is(e))
            {
                // Two secretaries reversing the same entry at once both pass the check above on SQL Server; the unique
                // index UX_PointEntry_Reverses keeps it to one, and the second gets the message a later attempt gets.
                return CommandResult.Fail(AlreadyReversed);
            }
            w.Audit("Points.Correct", "PointEntry", entry.Id, new { entry.Points }, new { Reversal = id, Reason = why });
            return CommandResult.Success(id);
        }, ct);

    private const string AlreadyReversed = "这条记录已经冲正过。";

    /// <summary>The refusal of a resident id that does not exist.</summary>
    internal const string MemberMissing = "找不到这位居民。";

    internal static int? UserId(Actor actor) => actor.UserId > 0 ? actor.UserId : null;

    private sealed record RuleRow
    {
        public int Id { get; init; }
        public int Points { get; init; }
    }

    private sealed record EntryRow
    {
        public long Id { get; init; }
        public int MemberId { get; init; }
        public int CategoryId { get; init; }
        public int Points { get; init; }
        public string Source { get; init; } = "";
        public DateTime OccurredOn { get; init; }
        public int Reversed { get; init; }
    }
}
