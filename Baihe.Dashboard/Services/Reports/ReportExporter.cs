using System.IO.Compression;
using Baihe.Dashboard.Services.Reports.Sheets;
using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Overview;
using Baihe.Data.Points;
using Baihe.Data.Reports;
using Baihe.Data.Tasks;
using ClosedXML.Excel;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>
/// The monthly Excel report, one path for every export (the /reports download and the CLI): check the month, ask
/// <see cref="ReportRules"/> what the actor may export, wait for the server's single export slot, read the month, let the
/// sheet writers (<see cref="Sheets"/>) fill the workbook, then write the audit row with the file's SHA-256.
/// </summary>
public sealed class ReportExporter(ReportQueries reports, ReportCommands commands, CommunityQueries communities, OverviewQueries overview,
    PointsQueries points, ExportGate gate, BaiheClock clock, ReportOptions options, TaskOptions? taskOptions = null)
{
    private int ResponseHours => (taskOptions ?? TaskOptions.Default).ResponseHours;

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The sheets of a full report, in order: 概览 with the month's KPIs and their definitions, then one per module.</summary>
    public static readonly IReadOnlyList<string> SheetNames = ["概览", "队伍花名册", "积分明细", "积分排行", "兑换记录", "活动统计", "民呼我应", "办理质量", "微心愿"];

    /// <summary>One community's report, or one team's roster for its lead; refused (and audited) for anyone else.</summary>
    public async Task<ExportResult> ExportAsync(Actor actor, string? month, int communityId, string generatedBy, CancellationToken ct = default, string? ticket = null)
    {
        if (ReportMonth.Parse(month, clock.Today, out var period) is { } monthError)
        {
            return new ExportResult(null, monthError);
        }
        var target = await reports.TargetAsync(communityId, ct);
        if ((target is null ? null : ReportRules.ScopeFor(actor, target)) is not { } scope)
        {
            var refusal = await commands.RecordRefusalAsync(actor, new ExportScope(communityId, null, FullPhones: false), ct);
            return new ExportResult(null, refusal.Message, Denied: true);
        }
        using (await gate.EnterAsync(ct, ticket))
        {
            var file = await BuildAsync(scope, period, generatedBy, null, ct);
            await commands.RecordExportAsync(actor, scope, month!.Trim(), file.Rows, file.Sha256, ct);
            return new ExportResult(file, null);
        }
    }

    /// <summary>
    /// The roll-up of every community of a sub-district, for its officials. When the month's ledger rows exceed
    /// <see cref="ReportOptions.MaxRowsPerWorkbook"/>, each community gets its own workbook and the result is their zip.
    /// </summary>
    public async Task<ExportResult> ExportSubDistrictAsync(Actor actor, string? month, int subDistrictId, string generatedBy, CancellationToken ct = default, string? ticket = null)
    {
        if (ReportMonth.Parse(month, clock.Today, out var period) is { } monthError)
        {
            return new ExportResult(null, monthError);
        }
        if (ReportRules.SubDistrictScopeFor(actor, subDistrictId) is not { } scope)
        {
            var refusal = await commands.RecordRefusalAsync(actor, ExportScope.SubDistrict(subDistrictId), ct);
            return new ExportResult(null, refusal.Message, Denied: true);
        }
        var members = (await communities.ListAsync(ct)).Where(c => c.SubDistrictId == subDistrictId).ToList();
        if (members.Count == 0)
        {
            return new ExportResult(null, "这个街道还没有社区，无法导出汇总。");
        }
        using (await gate.EnterAsync(ct, ticket))
        {
            // Counted once: the counts decide the split and give each workbook its ledger size.
            var counts = await reports.LedgerCountsAsync(scope, period, ct);
            if (counts.Values.Sum() <= options.MaxRowsPerWorkbook)
            {
                var file = await BuildAsync(scope, period, generatedBy, counts, ct);
                await commands.RecordSubDistrictExportAsync(actor, subDistrictId, month!.Trim(), file.Rows, file.Sha256, ct);
                return new ExportResult(file, null);
            }
            // Too many rows for one workbook: one per community (each as the official sees it), in one zip.
            var parts = new List<ReportFile>();
            foreach (var community in members)
            {
                parts.Add(await BuildAsync(new ExportScope(community.Id, null, FullPhones: false), period, generatedBy, counts, ct));
            }
            using var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var part in parts)
                {
                    // Workbooks are already compressed.
                    await using var entry = archive.CreateEntry(part.FileName, CompressionLevel.NoCompression).Open();
                    await entry.WriteAsync(part.Content, ct);
                }
            }
            var zipped = ReportFile.Of($"{members[0].SubDistrict}_{ReportMonth.Label(period)}_分社区月报.zip", zip.ToArray(), parts.Sum(p => p.Rows));
            await commands.RecordSubDistrictExportAsync(actor, subDistrictId, month!.Trim(), zipped.Rows, zipped.Sha256, ct);
            return new ExportResult(zipped, null) { Parts = parts };
        }
    }

    /// <summary>
    /// Builds the workbook of a scope the caller has already authorized: one community, one team's roster, or a
    /// sub-district roll-up (概览 with one KPI row per community and a total, and every detail sheet with a 社区 column).
    /// Neither waits for the export slot nor audits (the benchmark measures this alone).
    /// </summary>
    /// <remarks><c>mark</c>, when given, is called with each section's name as it ends (the benchmark's --verbose timing).</remarks>
    public Task<ReportFile> BuildAsync(ExportScope scope, Period month, string generatedBy, CancellationToken ct = default, Action<string>? mark = null) =>
        BuildAsync(scope, month, generatedBy, null, ct, mark);

    // ledgerCounts: the scope's ledger counts when the caller has read them already (a roll-up decides its split on them);
    // null reads them, for the scope's communities only.
    private async Task<ReportFile> BuildAsync(ExportScope scope, Period month, string generatedBy, IReadOnlyDictionary<int, int>? ledgerCounts,
        CancellationToken ct, Action<string>? mark = null)
    {
        var all = await communities.ListAsync(ct);
        var rollUp = scope.SubDistrictId is not null;
        IReadOnlyList<CommunityRow> targets = scope.SubDistrictId is int subDistrict
            ? all.Where(c => c.SubDistrictId == subDistrict).ToList()
            : [all.Single(c => c.Id == scope.CommunityId)];
        var monthLabel = ReportMonth.Label(month);
        using var workbook = new XLWorkbook();
        if (scope.RosterOnlyTeamId is int team)
        {
            var rosterRows = RosterSheet.Write(workbook, false, [(targets[0], await reports.RosterAsync(targets[0].Id, month, team, ct))], month, scope.FullPhones);
            ReportPrint.Apply(workbook, targets[0].Name, monthLabel);
            return await LedgerPipeline.SaveAsync(workbook, $"{targets[0].Name}_{monthLabel}_花名册.xlsx", rosterRows, null, ct);
        }

        // The ledger, the one large sheet, starts coming from the database now, while the rest is queried and laid out.
        await using var ledgerRows = LedgerSheet.Start(targets, reports, month, rollUp, ct);
        ledgerCounts ??= targets.Count == 0 ? new Dictionary<int, int>() : await reports.LedgerCountsAsync(scope, month, ct);
        var months = new List<CommunityMonth>();
        foreach (var community in targets)
        {
            months.Add(await LoadAsync(community, month, ledgerCounts.GetValueOrDefault(community.Id), ct));
        }
        mark?.Invoke("queries: counts, 概览 figures, rankings, small sheets");
        var empty = CommunityMonth.AllEmpty(months);
        if (rollUp)
        {
            OverviewSheet.WriteRollUp(workbook, targets.FirstOrDefault(), months, monthLabel, clock.Now, generatedBy, empty, ResponseHours);
        }
        else
        {
            OverviewSheet.Write(workbook, months[0], monthLabel, clock.Now, generatedBy, empty, ResponseHours);
        }
        var rows = RosterSheet.Write(workbook, rollUp, months.Select(m => (m.Community, m.Roster)), month, scope.FullPhones);
        var ledger = LedgerSheet.Write(workbook, rollUp, ledgerRows, months.Sum(m => m.LedgerRows));
        rows += RankingSheet.Write(workbook, rollUp, months, month);
        rows += RedemptionSheet.Write(workbook, rollUp, months);
        rows += ActivitySheet.Write(workbook, rollUp, months);
        rows += TaskSheet.Write(workbook, rollUp, months);
        rows += RateSheet.Write(workbook, rollUp, months, ResponseHours);
        rows += WishSheet.Write(workbook, rollUp, months);

        var title = rollUp ? $"{targets.FirstOrDefault()?.SubDistrict}" : targets[0].Name;
        var fileName = rollUp ? $"{title}_{monthLabel}_汇总月报.xlsx" : $"{title}_{monthLabel}_月报.xlsx";
        ReportPrint.Apply(workbook, title, monthLabel);
        mark?.Invoke("ClosedXML: lay out the sheets");
        return await LedgerPipeline.SaveAsync(workbook, fileName, rows, ledger, ct, mark);
    }

    // The month's queries run side by side, each on its own connection: none depends on another, and on a server with
    // cores to spare the month is read in about the time of its slowest query. Each is started on the thread pool
    // because SQLite's provider runs its "async" calls synchronously, which would run them one after another.
    private async Task<CommunityMonth> LoadAsync(CommunityRow community, Period month, int ledgerRows, CancellationToken ct)
    {
        var id = community.Id;
        var half = Period.HalfYear(month.From.Year, Period.HalfOf(month.From));
        var figures = Task.Run(() => overview.LoadAsync(id, month, ct), ct);
        var counts = Task.Run(() => reports.CountsAsync(id, month, ct), ct);
        var roster = Task.Run(() => reports.RosterAsync(id, month, null, ct), ct);
        var monthRanking = Task.Run(() => points.LeaderboardAsync(id, month, null, ct), ct);
        var halfRanking = Task.Run(() => points.LeaderboardAsync(id, half, null, ct), ct);
        var redemptions = Task.Run(() => reports.RedemptionsAsync(id, month, ct), ct);
        var activities = Task.Run(() => reports.ActivitiesAsync(id, month, ct), ct);
        var tasks = Task.Run(() => reports.TasksAsync(id, month, ct), ct);
        var taskChanges = Task.Run(() => reports.TaskChangesAsync(id, month, ct), ct);
        var wishes = Task.Run(() => reports.WishesAsync(id, month, ct), ct);
        var rates = Task.Run(() => reports.RatesAsync(id, month, ct), ct);
        await Task.WhenAll(figures, counts, roster, monthRanking, halfRanking, redemptions, activities, tasks, taskChanges, wishes, rates);
        return new CommunityMonth(community, await figures, await counts, await roster, await monthRanking, await halfRanking,
            await redemptions, await activities, await tasks, await taskChanges, await wishes, ledgerRows, await rates);
    }
}
