using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using Baihe.Dashboard.Components.Shared;
using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Overview;
using Baihe.Data.Points;
using Baihe.Data.Reports;
using Baihe.Data.Residents;
using Baihe.Data.Wishes;
using ClosedXML.Excel;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>A built report: its file name, its bytes, how many detail rows it holds and its SHA-256.</summary>
public sealed record ReportFile(string FileName, byte[] Content, int Rows, string Sha256)
{
    /// <summary>A file with its fingerprint, as the audit row records it.</summary>
    public static ReportFile Of(string fileName, byte[] content, int rows) =>
        new(fileName, content, rows, Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant());
}

/// <summary>
/// The monthly Excel report (ClosedXML): 概览 with the month's KPIs and their definitions, then one sheet per module.
/// Every sheet has Chinese headers, a frozen header row, an autofilter, typed dates and numbers, computed column
/// widths (ClosedXML's automatic fitting needs GDI+, which Linux lacks) and A4 landscape print setup. Text that a spreadsheet
/// could read as a formula is stored with a quote prefix.
/// </summary>
public sealed class MonthlyReport(CommunityQueries communities, OverviewQueries overview, ReportQueries reports, PointsQueries points, BaiheClock clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly IReadOnlyList<string> SheetNames = ["概览", "队伍花名册", "积分明细", "积分排行", "兑换记录", "活动统计", "民呼我应", "微心愿"];

    private const string NoData = "本月无数据";

    /// <summary>Heads the first column of every sheet of a sub-district roll-up.</summary>
    public const string CommunityHeader = "社区";

    /// <summary>One community's month: every figure and row the report shows except the ledger, which is streamed.</summary>
    private sealed record CommunityMonth(
        CommunityRow Community, OverviewData Data, MonthCounts Counts, IReadOnlyList<RosterLine> Roster,
        IReadOnlyList<RankRow> MonthRank, IReadOnlyList<RankRow> HalfRank, IReadOnlyList<RedemptionLine> Redemptions,
        IReadOnlyList<ActivityLine> Activities, IReadOnlyList<TaskLine> Tasks, IReadOnlyList<TaskChangeLine> Changes,
        IReadOnlyList<WishRow> Wishes, int LedgerRows);

    /// <summary>
    /// Builds the workbook of a scope: one community, one team's roster, or a sub-district roll-up (概览 with one KPI row
    /// per community and a total, and every detail sheet with a 社区 column).
    /// </summary>
    /// <remarks><c>mark</c>, when given, is called with each section's name as it ends (the benchmark's --verbose timing).</remarks>
    public async Task<ReportFile> BuildAsync(ExportScope scope, Period month, string generatedBy, CancellationToken ct = default, Action<string>? mark = null)
    {
        var all = await communities.ListAsync(ct);
        var rollUp = scope.SubDistrictId is not null;
        IReadOnlyList<CommunityRow> targets = scope.SubDistrictId is int subDistrict
            ? all.Where(c => c.SubDistrictId == subDistrict).ToList()
            : [all.Single(c => c.Id == scope.CommunityId)];
        var monthLabel = MonthLabel(month);
        using var workbook = new XLWorkbook();
        if (scope.RosterOnlyTeamId is int team)
        {
            var rosterRows = Roster(workbook, false, [(targets[0], await reports.RosterAsync(targets[0].Id, month, team, ct))], month, scope.FullPhones);
            return await SaveAsync(workbook, $"{targets[0].Name}_{monthLabel}_花名册.xlsx", rosterRows, null, ct);
        }

        var ledgerCounts = targets.Count == 0 ? new Dictionary<int, int>() : await reports.LedgerCountsAsync(targets[0].SubDistrictId, month, ct);
        var months = new List<CommunityMonth>();
        foreach (var community in targets)
        {
            months.Add(await LoadAsync(community, month, ledgerCounts.GetValueOrDefault(community.Id), ct));
        }
        mark?.Invoke("queries: counts, 概览 figures, rankings, small sheets");
        var ledgerTotal = months.Sum(m => m.LedgerRows);
        var empty = ledgerTotal + months.Sum(m => m.Redemptions.Count + m.Activities.Count + m.Tasks.Count + m.Wishes.Count) == 0;
        var title = rollUp ? $"{targets.FirstOrDefault()?.SubDistrict}" : targets[0].Name;

        if (rollUp)
        {
            RollUpOverview(workbook, targets.FirstOrDefault(), months, monthLabel, generatedBy, empty);
        }
        else
        {
            Overview(workbook, targets[0], monthLabel, generatedBy, months[0].Data, months[0].Counts, empty);
        }
        var rows = Roster(workbook, rollUp, months.Select(m => (m.Community, m.Roster)).ToList(), month, scope.FullPhones);
        string[] ledgerHeaders = With(rollUp, ["日期", "居民", "网格", "板块", "积分", "来源", "备注", "记录人"]);
        var ledgerKinds = rollUp ? [StreamedSheet.Kind.Text, .. LedgerKinds] : LedgerKinds;
        if (ledgerTotal == 0)
        {
            Table(workbook, "积分明细", ledgerHeaders, []);
        }
        else
        {
            LedgerTemplate(workbook, ledgerHeaders, rollUp);
        }
        var half = Period.HalfYear(month.From.Year, Period.HalfOf(month.From));
        rows += Table(workbook, "积分排行", With(rollUp, ["本月名次", "姓名", "网格", "本月获得积分", $"{(half.From.Month == 1 ? "上" : "下")}半年名次", "半年获得积分"]),
            months.SelectMany(m =>
            {
                var halfByMember = m.HalfRank.ToDictionary(r => r.MemberId);
                return m.MonthRank.Select(r => Row(rollUp, m, [r.Rank, r.Name, r.Grid, r.Points, halfByMember.GetValueOrDefault(r.MemberId)?.Rank, halfByMember.GetValueOrDefault(r.MemberId)?.Points]));
            }));
        rows += Table(workbook, "兑换记录", With(rollUp, ["兑换时间", "居民", "兑换项目", "积分", "状态", "兑现时间"]),
            months.SelectMany(m => m.Redemptions.Select(r => Row(rollUp, m, [r.RequestedAt, r.Name, r.Reward, r.Points, PointsLabels.RedemptionStatus(r.Status), r.FulfilledAt]))));
        rows += Table(workbook, "活动统计", With(rollUp, ["日期", "活动", "队伍", "板块", "地点", "出席人数", "每人积分", "合计积分", "状态"]),
            months.SelectMany(m => m.Activities.Select(a => Row(rollUp, m, [a.HeldOn, a.Title, a.Team, a.Area, a.Place, a.Headcount, a.PointsPerAttendee, a.Headcount * a.PointsPerAttendee, a.Status == "Closed" ? "已记分" : "进行中"]))));
        rows += Table(workbook, "民呼我应", With(rollUp, ["编号", "事项", "网格", "类别", "来源", "紧急程度", "当前阶段", "受理时间", "办理期限", "办结时间", "满意度", "办理过程"]),
            months.SelectMany(m =>
            {
                var byTask = m.Changes.ToLookup(c => c.TaskId);
                return m.Tasks.Select(t => Row(rollUp, m,
                [
                    t.Id, t.Title, t.Grid, t.Category, Labels.Source(t.Source), Labels.Urgency(t.Urgency), Labels.Stage(t.Stage), t.CollectedAt, t.DueAt, t.ClosedAt,
                    Labels.Satisfaction(t.Satisfaction), string.Join("；", byTask[t.Id].Select(c => $"{c.ChangedAt:MM-dd HH:mm} {Labels.Stage(c.ToStage)}")),
                ]));
            }));
        rows += Table(workbook, "微心愿", With(rollUp, ["编号", "心愿", "心愿人", "类别", "估值（元）", "网格", "状态", "认领方", "发布时间", "完成时间"]),
            months.SelectMany(m => m.Wishes.Select(w => Row(rollUp, m, [w.Id, w.Content, w.WisherName, Labels.WisherKind(w.WisherKind), w.EstimatedValue, w.Grid, Labels.WishStatus(w.Status), w.Claimant, w.PublishedAt, w.FulfilledAt]))));

        var fileName = rollUp ? $"{title}_{monthLabel}_汇总月报.xlsx" : $"{title}_{monthLabel}_月报.xlsx";
        var ledger = ledgerTotal == 0 ? null : new StreamedLedger(ledgerHeaders, ledgerKinds, Prefetched(LedgerRowsAsync(months, month, rollUp, ct), ct));
        mark?.Invoke("ClosedXML: lay out the sheets");
        return await SaveAsync(workbook, fileName, rows, ledger, ct, mark);
    }

    private sealed record StreamedLedger(string[] Headers, StreamedSheet.Kind[] Kinds, IAsyncEnumerable<object?[]> Rows);

    private async Task<CommunityMonth> LoadAsync(CommunityRow community, Period month, int ledgerRows, CancellationToken ct)
    {
        var id = community.Id;
        var half = Period.HalfYear(month.From.Year, Period.HalfOf(month.From));
        return new CommunityMonth(
            community,
            await overview.LoadAsync(id, month, ct),
            await reports.CountsAsync(id, month, ct),
            await reports.RosterAsync(id, month, null, ct),
            await points.LeaderboardAsync(id, month, null, ct),
            await points.LeaderboardAsync(id, half, null, ct),
            await reports.RedemptionsAsync(id, month, ct),
            await reports.ActivitiesAsync(id, month, ct),
            await reports.TasksAsync(id, month, ct),
            await reports.TaskChangesAsync(id, month, ct),
            await reports.WishesAsync(id, month, ct),
            ledgerRows);
    }

    /// <summary>The ledger rows of every community in turn, straight from the data reader.</summary>
    private async IAsyncEnumerable<object?[]> LedgerRowsAsync(List<CommunityMonth> months, Period month, bool rollUp, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var m in months.Where(m => m.LedgerRows > 0))
        {
            await foreach (var l in reports.LedgerStreamAsync(m.Community.Id, month, ct))
            {
                object?[] row = [l.OccurredOn, l.Name, l.Grid, l.Source == PointSource.Redemption ? "—" : l.Area, l.Points, PointsLabels.Source(l.Source), l.Note, l.RecordedBy];
                yield return rollUp ? [m.Community.Name, .. row] : row;
            }
        }
    }

    /// <summary>
    /// Reads the rows on another thread, a batch ahead, so that reading the database and writing and compressing the
    /// sheet overlap: on two cores the ledger then costs about the slower of the two instead of their sum.
    /// </summary>
    private static async IAsyncEnumerable<object?[]> Prefetched(IAsyncEnumerable<object?[]> rows, [EnumeratorCancellation] CancellationToken ct)
    {
        const int batchSize = 512;
        var batches = Channel.CreateBounded<List<object?[]>>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                var batch = new List<object?[]>(batchSize);
                await foreach (var row in rows.WithCancellation(stop.Token))
                {
                    batch.Add(row);
                    if (batch.Count == batchSize)
                    {
                        await batches.Writer.WriteAsync(batch, stop.Token);
                        batch = new List<object?[]>(batchSize);
                    }
                }
                if (batch.Count > 0)
                {
                    await batches.Writer.WriteAsync(batch, stop.Token);
                }
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(ct))
            {
                foreach (var row in batch)
                {
                    yield return row;
                }
            }
        }
        finally
        {
            // A consumer that stops early (an error while writing) also stops the reader and closes its connection.
            await stop.CancelAsync();
            try
            {
                await producer;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static string[] With(bool rollUp, string[] headers) => rollUp ? [CommunityHeader, .. headers] : headers;

    private static object?[] Row(bool rollUp, CommunityMonth m, object?[] row) => rollUp ? [m.Community.Name, .. row] : row;

    /// <summary>Saves the ClosedXML workbook and, when there is a ledger, streams its rows into the saved package.</summary>
    private static async Task<ReportFile> SaveAsync(XLWorkbook workbook, string fileName, int rows, StreamedLedger? ledger, CancellationToken ct, Action<string>? mark = null)
    {
        using var template = new MemoryStream();
        workbook.SaveAs(template);
        mark?.Invoke("ClosedXML: save the template package");
        byte[] bytes;
        if (ledger is null)
        {
            bytes = template.ToArray();
        }
        else
        {
            // The ledger is the one sheet that grows to 100k rows a month; its rows go from the reader into the package.
            using var output = new MemoryStream();
            rows += await StreamedSheet.WriteAsync(template, output, "积分明细", ledger.Kinds, ledger.Headers.Length + 1, ledger.Rows,
                sample => Widths(ledger.Headers, sample), ct);
            bytes = output.ToArray();
            mark?.Invoke("ledger: read from the database and streamed into the copied package");
        }
        return ReportFile.Of(fileName, bytes, rows);
    }

    private void Overview(XLWorkbook workbook, CommunityRow community, string monthLabel, string generatedBy, OverviewData data, MonthCounts counts, bool empty)
    {
        var ws = workbook.AddWorksheet("概览");
        ws.Cell(1, 1).SetValue($"{community.Name} {monthLabel} 工作月报");
        ws.Cell(1, 1).Style.Font.SetBold().Font.SetFontSize(16);
        ws.Range(1, 1, 1, 3).Merge();
        var info = new (string, object)[] { ("社区", community.Name), ("街道", $"{community.City}{community.District}{community.SubDistrict}"), ("月份", monthLabel), ("生成时间", clock.Now), ("生成人", generatedBy) };
        for (var i = 0; i < info.Length; i++)
        {
            ws.Cell(2 + i, 1).SetValue(info[i].Item1).Style.Font.SetBold();
            Put(ws.Cell(2 + i, 2), info[i].Item2);
        }
        var header = 8;
        string[] headers = ["指标", "数值", "口径"];
        for (var c = 0; c < headers.Length; c++)
        {
            ws.Cell(header, c + 1).SetValue(headers[c]);
        }
        ws.Range(header, 1, header, 3).Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#F4E3E3"));
        var kpis = Kpis(data, counts);
        for (var i = 0; i < kpis.Count; i++)
        {
            ws.Cell(header + 1 + i, 1).SetValue(kpis[i].Name);
            ws.Cell(header + 1 + i, 2).SetValue(kpis[i].Value);
            ws.Cell(header + 1 + i, 3).SetValue(kpis[i].Definition);
        }
        var last = header + kpis.Count;
        SignOff(ws, last, empty);
        ws.Range(header, 1, header + kpis.Count, 3).SetAutoFilter();
        Finish(ws, header, [18, 22, 52]);
    }

    /// <summary>The KPI block of 概览: each figure with its definition, in the order the sheet lists them.</summary>
    private static List<(string Name, int Value, string Definition)> Kpis(OverviewData data, MonthCounts counts)
    {
        var kpis = new List<(string Name, int Value, string Definition)>
        {
            ("志愿服务队", data.Kpis.VolunteerTeams, "志愿服务队类队伍数"),
            ("兴趣队伍", data.Kpis.InterestGroups, "老年人兴趣队伍数"),
            ("月末在册成员", counts.Members, "月末仍在任一队伍花名册上的居民（一人只计一次）"),
            ("百合邻长", data.Kpis.NeighbourLeads, "登记为百合邻长的居民（当前）"),
            ("本月积分发放", data.Kpis.PointsIssued, "本月发生的服务积分合计（只计发放）"),
        };
        kpis.AddRange(data.PointsByArea.Select(a => ($"　其中{a.Area}", a.Points, $"本月{a.Area}板块发放的积分")));
        kpis.AddRange(
        [
            ("本月兑换积分", counts.PointsRedeemed, "本月兑换奖励扣减的积分"),
            ("本月受理诉求", counts.TasksReceived, "本月收集登记的民呼我应诉求"),
            ("本月办结", data.Kpis.TasksDone, "本月办结（已解决且经居民确认）的诉求"),
            ("　其中按时办结", counts.TasksOnTime, "本月办结且在办理期限内"),
            ("　其中满意", counts.TasksSatisfied, "本月办结且居民满意或基本满意"),
            ("本月发布微心愿", counts.WishesPublished, "本月发布的微心愿"),
            ("本月完成微心愿", data.Kpis.WishesFulfilled, "本月完成（含已回访）的微心愿"),
        ]);
        return kpis;
    }

    /// <summary>
    /// 概览 of a sub-district roll-up: one KPI row per community and a 合计 row that adds them up, then each KPI's
    /// definition, then the sign-off line.
    /// </summary>
    private void RollUpOverview(XLWorkbook workbook, CommunityRow? any, List<CommunityMonth> months, string monthLabel, string generatedBy, bool empty)
    {
        var ws = workbook.AddWorksheet("概览");
        ws.Cell(1, 1).SetValue($"{any?.SubDistrict} {monthLabel} 工作月报（全街道汇总）");
        ws.Cell(1, 1).Style.Font.SetBold().Font.SetFontSize(16);
        ws.Range(1, 1, 1, 4).Merge();
        var info = new (string, object)[] { ("街道", $"{any?.City}{any?.District}{any?.SubDistrict}"), ("社区数", months.Count), ("月份", monthLabel), ("生成时间", clock.Now), ("生成人", generatedBy) };
        for (var i = 0; i < info.Length; i++)
        {
            ws.Cell(2 + i, 1).SetValue(info[i].Item1).Style.Font.SetBold();
            Put(ws.Cell(2 + i, 2), info[i].Item2);
        }
        var header = 8;
        var perCommunity = months.Select(m => (m.Community.Name, Kpis: Kpis(m.Data, m.Counts))).ToList();
        var definitions = perCommunity.FirstOrDefault().Kpis ?? Kpis(new OverviewData(new OverviewKpis(), [], [], [], [], [], []), new MonthCounts());
        ws.Cell(header, 1).SetValue(CommunityHeader);
        for (var k = 0; k < definitions.Count; k++)
        {
            ws.Cell(header, k + 2).SetValue(definitions[k].Name.Trim('　'));
        }
        ws.Range(header, 1, header, definitions.Count + 1).Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#F4E3E3"));
        for (var r = 0; r < perCommunity.Count; r++)
        {
            ws.Cell(header + 1 + r, 1).SetValue(perCommunity[r].Name);
            for (var k = 0; k < definitions.Count; k++)
            {
                ws.Cell(header + 1 + r, k + 2).SetValue(perCommunity[r].Kpis[k].Value);
            }
        }
        var total = header + 1 + perCommunity.Count;
        ws.Cell(total, 1).SetValue("合计");
        for (var k = 0; k < definitions.Count; k++)
        {
            ws.Cell(total, k + 2).SetValue(perCommunity.Sum(p => p.Kpis[k].Value));
        }
        ws.Range(total, 1, total, definitions.Count + 1).Style.Font.SetBold();
        ws.Range(header, 1, Math.Max(total - 1, header + 1), definitions.Count + 1).SetAutoFilter();
        var last = total + 2;
        ws.Cell(last, 1).SetValue("指标").Style.Font.SetBold();
        ws.Cell(last, 2).SetValue("口径").Style.Font.SetBold();
        for (var k = 0; k < definitions.Count; k++)
        {
            ws.Cell(last + 1 + k, 1).SetValue(definitions[k].Name.Trim('　'));
            ws.Cell(last + 1 + k, 2).SetValue(definitions[k].Definition);
        }
        last += definitions.Count;
        SignOff(ws, last, empty);
        Finish(ws, header, [16, .. definitions.Select(d => (double)Math.Clamp(DisplayWidth(d.Name.Trim('　')) + 2, 8, 60))]);
        // Column B also holds 生成时间 above the table; narrower than a date-time, spreadsheets show it as ###.
        ws.Column(2).Width = Math.Max(ws.Column(2).Width, DateTimeWidth);
    }

    private const double DateTimeWidth = 18;

    /// <summary>The month as file names and titles show it: 2026年10月.</summary>
    public static string MonthLabel(Period month) => $"{month.From.Year}年{month.From.Month}月";

    /// <summary>Below the KPI block: the empty-month notice when there is nothing, then 填报人 / 审核人 / 日期.</summary>
    private static void SignOff(IXLWorksheet ws, int last, bool empty)
    {
        if (empty)
        {
            ws.Cell(last + 2, 1).SetValue(NoData + "：本月没有积分、兑换、活动、诉求或微心愿记录。");
            last += 2;
        }
        ws.Cell(last + 3, 1).SetValue("填报人：____________");
        ws.Cell(last + 3, 2).SetValue("审核人：____________");
        ws.Cell(last + 3, 3).SetValue("日期：____________");
    }

    private static readonly StreamedSheet.Kind[] LedgerKinds =
    [
        StreamedSheet.Kind.Date, StreamedSheet.Kind.Text, StreamedSheet.Kind.Text, StreamedSheet.Kind.Text,
        StreamedSheet.Kind.Number, StreamedSheet.Kind.Text, StreamedSheet.Kind.Text, StreamedSheet.Kind.Text,
    ];

    /// <summary>
    /// Lays out 积分明细 with ClosedXML (headers, filter, print setup) and one template row whose cell styles the streamed
    /// rows reuse; the column after the last carries the quote-prefix text style.
    /// </summary>
    private static void LedgerTemplate(XLWorkbook workbook, string[] headers, bool rollUp)
    {
        object?[] template = [new DateTime(2000, 1, 1), "x", "x", "x", 1, "x", "x", "x"];
        Table(workbook, "积分明细", headers, [rollUp ? ["x", .. template] : template]);
        var quoted = workbook.Worksheet("积分明细").Cell(2, headers.Length + 1);
        quoted.SetValue("x");
        quoted.Style.IncludeQuotePrefix = true;
    }

    private static int Roster(XLWorkbook workbook, bool rollUp, List<(CommunityRow Community, IReadOnlyList<RosterLine> Lines)> rosters, Period month, bool fullPhones) =>
         Table(workbook, "队伍花名册", With(rollUp, ["队伍", "类型", "姓名", "角色", "网格", "联系电话", "入队日期", "离队日期", "离队原因", "本月变动"]),
            rosters.SelectMany(x => x.Lines.Select(r =>
            {
                object?[] row =
                [
                    r.Team, Labels.TeamKind(r.Kind), r.Name, Labels.Role(r.Role), r.Grid, fullPhones ? r.Phone : PhoneNumber.Mask(r.Phone),
                    r.JoinedOn, r.LeftOn, r.LeaveReason,
                    r.LeftOn is DateTime left && month.Contains(left) ? "本月离队" : month.Contains(r.JoinedOn) ? "本月加入" : "",
                ];
                return rollUp ? [x.Community.Name, .. row] : row;
            })));

    /// <summary>Writes one detail sheet and returns its row count. An empty month still gets its headers and says so.</summary>
    private static int Table(XLWorkbook workbook, string name, string[] headers, IEnumerable<object?[]> rows)
    {
        var ws = workbook.AddWorksheet(name);
        for (var c = 0; c < headers.Length; c++)
        {
            ws.Cell(1, c + 1).SetValue(headers[c]);
        }
        ws.Range(1, 1, 1, headers.Length).Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#F4E3E3"));
        var list = rows.ToList();
        for (var r = 0; r < list.Count; r++)
        {
            for (var c = 0; c < headers.Length; c++)
            {
                Put(ws.Cell(r + 2, c + 1), list[r][c]);
            }
        }
        if (list.Count == 0)
        {
            ws.Cell(2, 1).SetValue(NoData);
        }
        ws.Range(1, 1, Math.Max(list.Count + 1, 2), headers.Length).SetAutoFilter();
        Finish(ws, 1, Widths(headers, list));
        return list.Count;
    }

    /// <summary>Column widths in character units from the headers and the rows, CJK counted double, clamped to 6..60.</summary>
    private static double[] Widths(string[] headers, IReadOnlyList<object?[]> rows)
    {
        var widths = headers.Select(h => DisplayWidth(h)).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < headers.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c] switch
                {
                    DateTime d => d.TimeOfDay == TimeSpan.Zero ? 10 : 16,
                    null => 0,
                    string text => DisplayWidth(text),
                    var v => DisplayWidth(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                });
            }
        }
        return widths.Select(w => (double)Math.Clamp(w + 2, 6, 60)).ToArray();
    }

    private static void Finish(IXLWorksheet ws, int headerRow, double[] widths)
    {
        for (var c = 0; c < widths.Length; c++)
        {
            ws.Column(c + 1).Width = widths[c];
        }
        ws.SheetView.FreezeRows(headerRow);
        ws.PageSetup.PaperSize = XLPaperSize.A4Paper;
        ws.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        ws.PageSetup.SetRowsToRepeatAtTop(headerRow, headerRow);
        ws.PageSetup.FitToPages(1, 0);
    }

    /// <summary>Writes a typed value: dates as dates, numbers as numbers, and text safely.</summary>
    private static void Put(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case DateTime d:
                cell.SetValue(d);
                cell.Style.DateFormat.Format = d.TimeOfDay == TimeSpan.Zero ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm";
                break;
            case int or long:
                cell.SetValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                cell.SetValue(text);
                cell.DataType = XLDataType.Text;
                // A spreadsheet reads =, +, -, @, tab, CR and LF at the start as a formula when the cell is edited or the
                // sheet is saved as CSV; the quote prefix keeps such text as text.
                if (LooksLikeFormula(text))
                {
                    cell.Style.IncludeQuotePrefix = true;
                }
                break;
        }
    }

    /// <summary>Text a spreadsheet would read as a formula: it starts with =, +, -, @, tab, CR or LF.</summary>
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n';

    /// <summary>Column width in character units: CJK and full-width characters count double.</summary>
    public static int DisplayWidth(string text) => text.Sum(ch => ch >= 0x1100 && (ch <= 0x115F || (ch >= 0x2E80 && ch <= 0xA4CF) || (ch >= 0xAC00 && ch <= 0xD7A3) || (ch >= 0xF900 && ch <= 0xFAFF) || (ch >= 0xFE30 && ch <= 0xFE4F) || (ch >= 0xFF00 && ch <= 0xFF60) || (ch >= 0xFFE0 && ch <= 0xFFE6)) ? 2 : 1);
}
