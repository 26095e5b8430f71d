using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Tasks;

/// <summary>The 回访 list: a community's draw for a month and the tasks it holds.</summary>
public sealed class CallbackQueries(DbConnectionFactory db, BaiheClock clock, TaskOptions options)
{
    internal const string PopulationSql = """
        SELECT rt.Id FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId
        WHERE g.CommunityId = @CommunityId AND rt.Stage = 'Closed' AND rt.ClosedAt >= @From AND rt.ClosedAt < @To
        ORDER BY rt.Id;
        """;

    private const string DrawSql = """
        SELECT d.Id AS DrawId, d.Month, d.Seed, d.SamplePercent, d.Population, d.SampleSize, d.DrawnAt, u.DisplayName AS DrawnBy,
               (SELECT COUNT(*) FROM CallbackSample s WHERE s.DrawId = d.Id AND s.Rating IS NOT NULL) AS Recorded
        FROM CallbackDraw d LEFT JOIN AppUser u ON u.Id = d.DrawnByUserId
        WHERE d.CommunityId = @CommunityId AND d.Month = @Month;
        """;

    private const string MonthsSql = "SELECT d.Month FROM CallbackDraw d WHERE d.CommunityId = @CommunityId ORDER BY d.Month DESC;";

    private const string LinesSql = """
        SELECT s.Id AS SampleId, rt.Id AS TaskId, rt.Title, g.Name AS Grid, t.Name AS Team, rt.ClosedAt, rt.Result, rt.Satisfaction,
               s.Rating, s.Note, s.RecordedAt, u.DisplayName AS RecordedBy
        FROM CallbackSample s
        JOIN CallbackDraw d ON d.Id = s.DrawId
        JOIN ResidentTask rt ON rt.Id = s.TaskId
        JOIN Grid g ON g.Id = rt.GridId
        LEFT JOIN Team t ON t.Id = rt.AssignedTeamId
        LEFT JOIN AppUser u ON u.Id = s.RecordedByUserId
        WHERE d.CommunityId = @CommunityId AND d.Month = @Month
          AND (@Q IS NULL OR rt.Title LIKE @Q ESCAPE '\' OR g.Name LIKE @Q ESCAPE '\' OR t.Name LIKE @Q ESCAPE '\')
        ORDER BY rt.Id;
        """;

    /// <summary>Last month as of now (the month a draw today takes its tasks from), yyyymm.</summary>
    public int LastMonth => Key(LastMonthStart(clock.Now));

    internal static DateTime LastMonthStart(DateTime now) => new DateTime(now.Year, now.Month, 1).AddMonths(-1);

    internal static int Key(DateTime month) => month.Year * 100 + month.Month;

    /// <summary>
    /// The draw of <paramref name="communityId"/> for <paramref name="month"/> (yyyymm; last month when null), or for last
    /// month what a draw would take now.
    /// </summary>
    public async Task<CallbackPreview> PreviewAsync(int communityId, int? month = null, CancellationToken ct = default)
    {
        var key = month ?? LastMonth;
        await using var conn = await db.OpenAsync(ct);
        var drawn = await conn.QuerySingleOrDefaultAsync<CallbackPreview>(new CommandDefinition(DrawSql, new { CommunityId = communityId, Month = key }, cancellationToken: ct));
        if (drawn is not null)
        {
            return drawn;
        }
        var from = new DateTime(key / 100, key % 100, 1);
        var population = (await conn.QueryAsync<int>(new CommandDefinition(PopulationSql,
            new { CommunityId = communityId, From = from, To = from.AddMonths(1) }, cancellationToken: ct))).Count();
        return new CallbackPreview
        {
            Month = key, Population = population, SamplePercent = options.CallbackSamplePercent,
            SampleSize = CallbackSampler.SizeOf(population, options.CallbackSamplePercent),
        };
    }

    /// <summary>The months <paramref name="communityId"/> has drawn, newest first.</summary>
    public async Task<IReadOnlyList<int>> MonthsAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<int>(new CommandDefinition(MonthsSql, new { CommunityId = communityId }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// The sampled tasks of the community's draw for <paramref name="month"/>, by task id, whose title, grid or team
    /// contains <paramref name="search"/>. A month's sample is a few dozen tasks, so the list is not paged.
    /// </summary>
    public async Task<IReadOnlyList<CallbackLine>> LinesAsync(int communityId, int month, string? search, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<CallbackLine>(new CommandDefinition(LinesSql,
            new { CommunityId = communityId, Month = month, Q = SearchText.Contains(search) }, cancellationToken: ct))).AsList();
    }
}
