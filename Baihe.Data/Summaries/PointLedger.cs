using Baihe.Data.Database;

namespace Baihe.Data.Summaries;

/// <summary>
/// The one way a command appends to the ledger: the entry and its <c>PointSummary</c> row (grid × month × area) are
/// written in the caller's transaction, so the summary can never disagree with the ledger it sums. The district and
/// community views read the summary instead of summing up to a million ledger rows.
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
    private const string AddToSummarySql = """
        UPDATE PointSummary
        SET Issued = Issued + @Issued, Deducted = Deducted + @Deducted, Entries = Entries + 1
        WHERE GridId = (SELECT m.GridId FROM Member m WHERE m.Id = @MemberId) AND Month = @Month AND CategoryId = @CategoryId;
        """;

    private const string InsertSummarySql = """
        INSERT INTO PointSummary (GridId, Month, CategoryId, Issued, Deducted, Entries)
        SELECT m.GridId, @Month, @CategoryId, @Issued, @Deducted, 1
        FROM Member m
        WHERE m.Id = @MemberId;
        """;

    /// <summary>
    /// Appends <paramref name="entry"/> (recorded now, by the scope's clock) and adds it to its summary row; returns the
    /// new entry's id. A unique key on the ledger (one credit per task, wish or event and member; one reversal per
    /// entry) throws as the plain INSERT did, before the summary is touched, and the caller's transaction decides.
    /// </summary>
    public static async Task<int> AppendAsync(WriteScope w, NewPointEntry entry)
    {
        var id = await w.InsertAsync(InsertEntrySql, new
        {
            entry.MemberId, entry.CategoryId, entry.Points, OccurredOn = entry.OccurredOn.Date, entry.Source, entry.RuleId,
            entry.ActivityId, entry.TaskId, entry.WishId, entry.RedemptionId, entry.ReversesEntryId, entry.RecordedByUserId,
            RecordedAt = w.Now, entry.Note,
        });
        await AddToSummaryAsync(w, entry.MemberId, entry.CategoryId, entry.Points, entry.OccurredOn);
        return id;
    }

    /// <summary>
    /// Adds one entry to its grid × month × area row: UPDATE, and INSERT when there was no row yet. SQL Server runs
    /// writers side by side, so two first entries of a month can both find no row; the primary key refuses the second
    /// INSERT and that writer's UPDATE then finds the row the first one made.
    /// </summary>
    private static async Task AddToSummaryAsync(WriteScope w, int memberId, int categoryId, int points, DateTime occurredOn)
    {
        var args = new
        {
            MemberId = memberId, CategoryId = categoryId, Month = occurredOn.Year * 100 + occurredOn.Month,
            Issued = Math.Max(points, 0), Deducted = Math.Min(points, 0),
        };
        for (var attempt = 0; ; attempt++)
        {
            if (await w.ExecuteAsync(AddToSummarySql, args) > 0)
            {
                return;
            }
            try
            {
                if (await w.ExecuteAsync(InsertSummarySql, args) > 0)
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
