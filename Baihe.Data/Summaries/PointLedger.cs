using Baihe.Data.Database;

namespace Baihe.Data.Summaries;

/// <summary>
/// The one way a command appends to the ledger: the entry and its three summary rows, <c>PointSummary</c> (grid × month
/// × area), <c>PointDaySummary</c> (grid × day × area) and <c>PointMemberSummary</c> (person × month × area), are written
/// in the caller's transaction, so none can disagree with the ledger it sums. The district and community views read the
/// summaries instead of summing up to ten million ledger rows: whole months from the month rows, the days around them
/// from the day rows; rankings of whole months from the person rows.
/// </summary>
public static class PointLedger
{
    private const string InsertEntrySql = """
        INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RuleId, ActivityId, TaskId, WishId, RedemptionId,
                                ReversesEntryId, RecordedByUserId, RecordedAt, Note)
        VALUES (@MemberId, @CategoryId, @Points, @OccurredOn, @Source, @RuleId, @ActivityId, @TaskId, @WishId, @RedemptionId,
                @ReversesEntryId, @RecordedByUserId, @RecordedAt, @Note);
        """;

    // The member's grid is read inside the statement, so the summary lands where the ledger's grid join would put it.
    private const string AddToMonthSql = """
        UPDATE PointSummary
        SET Issued = Issued + @Issued, Deducted = Deducted + @Deducted, Entries = Entries + 1
        WHERE GridId = (SELECT m.GridId FROM Member m WHERE m.Id = @MemberId) AND Month = @Month AND CategoryId = @CategoryId;
        """;

    private const string InsertMonthSql = """
        INSERT INTO PointSummary (GridId, Month, CategoryId, Issued, Deducted, Entries)
        SELECT m.GridId, @Month, @CategoryId, @Issued, @Deducted, 1
        FROM Member m
        WHERE m.Id = @MemberId;
        """;

    private const string AddToDaySql = """
        UPDATE PointDaySummary
        SET Issued = Issued + @Issued, Deducted = Deducted + @Deducted, Entries = Entries + 1
        WHERE GridId = (SELECT m.GridId FROM Member m WHERE m.Id = @MemberId) AND Day = @Day AND CategoryId = @CategoryId;
        """;

    private const string InsertDaySql = """
        INSERT INTO PointDaySummary (GridId, Day, CategoryId, Issued, Deducted, Entries)
        SELECT m.GridId, @Day, @CategoryId, @Issued, @Deducted, 1
        FROM Member m
        WHERE m.Id = @MemberId;
        """;

    // The person's month: the rankings and the redeemed total of whole months read these rows.
    private const string AddToMemberMonthSql = """
        UPDATE PointMemberSummary
        SET Earned = Earned + @Earned, Redeemed = Redeemed + @Redeemed
        WHERE MemberId = @MemberId AND Month = @Month AND CategoryId = @CategoryId;
        """;

    private const string InsertMemberMonthSql = """
        INSERT INTO PointMemberSummary (MemberId, Month, CategoryId, Earned, Redeemed)
        VALUES (@MemberId, @Month, @CategoryId, @Earned, @Redeemed);
        """;

    /// <summary>The month key (yyyyMM) of <c>PointSummary</c> for a day.</summary>
    public static int MonthKey(DateTime day) => day.Year * 100 + day.Month;

    /// <summary>The day key (yyyyMMdd) of <c>PointDaySummary</c>, as <c>PointEntry.OccurredDay</c> computes it.</summary>
    public static int DayKey(DateTime day) => day.Year * 10000 + day.Month * 100 + day.Day;

    /// <summary>
    /// Appends <paramref name="entry"/> (recorded now, by the scope's clock) and adds it to its summary rows; returns
    /// the new entry's id. A unique key on the ledger (one credit per task, wish or event and member; one reversal per
    /// entry) throws as the plain INSERT did, before the summaries are touched, and the caller's transaction decides.
    /// </summary>
    public static async Task<int> AppendAsync(WriteScope w, NewPointEntry entry)
    {
        var id = await w.InsertAsync(InsertEntrySql, new
        {
            entry.MemberId, entry.CategoryId, entry.Points, OccurredOn = entry.OccurredOn.Date, entry.Source, entry.RuleId,
            entry.ActivityId, entry.TaskId, entry.WishId, entry.RedemptionId, entry.ReversesEntryId, entry.RecordedByUserId,
            RecordedAt = w.Now, entry.Note,
        });
        var args = new
        {
            entry.MemberId, entry.CategoryId, Month = MonthKey(entry.OccurredOn), Day = DayKey(entry.OccurredOn),
            Issued = Math.Max(entry.Points, 0), Deducted = Math.Min(entry.Points, 0),
        };
        await AddToSummaryAsync(w, AddToMonthSql, InsertMonthSql, args, entry.MemberId);
        await AddToSummaryAsync(w, AddToDaySql, InsertDaySql, args, entry.MemberId);
        var redeemed = entry.Source == Points.PointSource.Redemption;
        await AddToSummaryAsync(w, AddToMemberMonthSql, InsertMemberMonthSql, new
        {
            entry.MemberId, entry.CategoryId, Month = MonthKey(entry.OccurredOn),
            Earned = redeemed ? 0 : entry.Points, Redeemed = redeemed ? entry.Points : 0,
        }, entry.MemberId);
        return id;
    }

    /// <summary>
    /// Adds one entry to its summary row: UPDATE, and INSERT when there was no row yet. SQL Server runs writers side by
    /// side, so two first entries of a month or day can both find no row; the primary key refuses the second INSERT and
    /// that writer's UPDATE then finds the row the first one made.
    /// </summary>
    private static async Task AddToSummaryAsync(WriteScope w, string updateSql, string insertSql, object args, int memberId)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await w.ExecuteAsync(updateSql, args) > 0)
            {
                return;
            }
            try
            {
                if (await w.ExecuteAsync(insertSql, args) > 0)
                {
                    return;
                }
                throw new InvalidOperationException($"Member {memberId} has no grid; its ledger entry cannot be summarised.");
            }
            catch (Exception e) when (UniqueViolation.Is(e) && attempt == 0)
            {
                // Another transaction inserted the row after our UPDATE; go round once more to add to it.
            }
        }
    }
}
