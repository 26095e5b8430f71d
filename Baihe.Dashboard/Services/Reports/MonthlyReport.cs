using System.Security.Cryptography;
using Baihe.Dashboard.Components.Shared;
using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Overview;
using Baihe.Data.Points;
using Baihe.Data.Reports;
using Baihe.Data.Residents;
using ClosedXML.Excel;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>A built report: its file name, its bytes, how many detail rows it holds and its SHA-256.</summary>
public sealed record ReportFile(string FileName, byte[] Content, int Rows, string Sha256);

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

    public async Task<ReportFile> BuildAsync(ExportScope scope, Period month, string generatedBy, CancellationToken ct = default)
    {
        var community = (await communities.ListAsync(ct)).Single(c => c.Id == scope.CommunityId);
        var monthLabel = $"{month.From.Year}年{month.From.Month}月";
        using var workbook = new XLWorkbook();
        var rows = 0;
        List<object?[]>? ledgerRows = null;
        if (scope.RosterOnlyTeamId is int team)
        {
            rows += Roster(workbook, await reports.RosterAsync(scope.CommunityId, month, team, ct), month, scope.FullPhones);
        }
        else
        {
            var data = await overview.LoadAsync(scope.CommunityId, month, ct);
            var counts = await reports.CountsAsync(scope.CommunityId, month, ct);
            var roster = await reports.RosterAsync(scope.CommunityId, month, null, ct);
            var ledger = await reports.LedgerAsync(scope.CommunityId, month, ct);
            var monthRank = await points.LeaderboardAsync(scope.CommunityId, month, null, ct);
            var half = Period.HalfYear(month.From.Year, Period.HalfOf(month.From));
            var halfRank = await points.LeaderboardAsync(scope.CommunityId, half, null, ct);
            var redemptions = await reports.RedemptionsAsync(scope.CommunityId, month, ct);
            var activities = await reports.ActivitiesAsync(scope.CommunityId, month, ct);
            var tasks = await reports.TasksAsync(scope.CommunityId, month, ct);
            var changes = await reports.TaskChangesAsync(scope.CommunityId, month, ct);
            var wishes = await reports.WishesAsync(scope.CommunityId, month, ct);
            var empty = ledger.Count + redemptions.Count + activities.Count + tasks.Count + wishes.Count == 0;

            Overview(workbook, community, monthLabel, generatedBy, data, counts, empty);
            rows += Roster(workbook, roster, month, scope.FullPhones);
            ledgerRows = ledger.Select(l => new object?[] { l.OccurredOn, l.Name, l.Grid, l.Source == PointSource.Redemption ? "—" : l.Area, l.Points, PointsLabels.Source(l.Source), l.Note, l.RecordedBy }).ToList();
            rows += LedgerTemplate(workbook, ledgerRows);
            var halfByMember = halfRank.ToDictionary(r => r.MemberId);
            rows += Table(workbook, "积分排行", ["本月名次", "姓名", "网格", "本月获得积分", $"{(half.From.Month == 1 ? "上" : "下")}半年名次", "半年获得积分"],
                monthRank.Select(r => new object?[] { r.Rank, r.Name, r.Grid, r.Points, halfByMember.GetValueOrDefault(r.MemberId)?.Rank, halfByMember.GetValueOrDefault(r.MemberId)?.Points }));
            rows += Table(workbook, "兑换记录", ["兑换时间", "居民", "兑换项目", "积分", "状态", "兑现时间"],
                redemptions.Select(r => new object?[] { r.RequestedAt, r.Name, r.Reward, r.Points, PointsLabels.RedemptionStatus(r.Status), r.FulfilledAt }));
            rows += Table(workbook, "活动统计", ["日期", "活动", "队伍", "板块", "地点", "出席人数", "每人积分", "合计积分", "状态"],
                activities.Select(a => new object?[] { a.HeldOn, a.Title, a.Team, a.Area, a.Place, a.Headcount, a.PointsPerAttendee, a.Headcount * a.PointsPerAttendee, a.Status == "Closed" ? "已记分" : "进行中" }));
            var byTask = changes.ToLookup(c => c.TaskId);
            rows += Table(workbook, "民呼我应", ["编号", "事项", "网格", "类别", "来源", "紧急程度", "当前阶段", "受理时间", "办理期限", "办结时间", "满意度", "办理过程"],
                tasks.Select(t => new object?[]
                {
                    t.Id, t.Title, t.Grid, t.Category, Labels.Source(t.Source), Labels.Urgency(t.Urgency), Labels.Stage(t.Stage), t.CollectedAt, t.DueAt, t.ClosedAt,
                    Labels.Satisfaction(t.Satisfaction), string.Join("；", byTask[t.Id].Select(c => $"{c.ChangedAt:MM-dd HH:mm} {Labels.Stage(c.ToStage)}")),
                }));
            rows += Table(workbook, "微心愿", ["编号", "心愿", "心愿人", "类别", "估值（元）", "网格", "状态", "认领方", "发布时间", "完成时间"],
                wishes.Select(w => new object?[] { w.Id, w.Content, w.WisherName, Labels.WisherKind(w.WisherKind), w.EstimatedValue, w.Grid, Labels.WishStatus(w.Status), w.Claimant, w.PublishedAt, w.FulfilledAt }));
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        if (ledgerRows is { Count: > 0 })
        {
            // The ledger is the one sheet that grows to 100k rows a month; its rows are streamed into the package.
            StreamedSheet.Fill(stream, "积分明细", LedgerKinds, QuotedTemplateColumn, ledgerRows, ledgerRows.Count);
        }
        var bytes = stream.ToArray();
        var fileName = scope.RosterOnlyTeamId is null ? $"{community.Name}_{monthLabel}_月报.xlsx" : $"{community.Name}_{monthLabel}_花名册.xlsx";
        return new ReportFile(fileName, bytes, rows, Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant());
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
        for (var i = 0; i < kpis.Count; i++)
        {
            ws.Cell(header + 1 + i, 1).SetValue(kpis[i].Name);
            ws.Cell(header + 1 + i, 2).SetValue(kpis[i].Value);
            ws.Cell(header + 1 + i, 3).SetValue(kpis[i].Definition);
        }
        var last = header + kpis.Count;
        if (empty)
        {
            ws.Cell(last + 2, 1).SetValue(NoData + "：本月没有积分、兑换、活动、诉求或微心愿记录。");
            last += 2;
        }
        ws.Cell(last + 3, 1).SetValue("填报人：____________");
        ws.Cell(last + 3, 2).SetValue("审核人：____________");
        ws.Cell(last + 3, 3).SetValue("日期：____________");
        ws.Range(header, 1, header + kpis.Count, 3).SetAutoFilter();
        Finish(ws, header, [18, 22, 52]);
    }

    private static readonly StreamedSheet.Kind[] LedgerKinds =
    [
        StreamedSheet.Kind.Date, StreamedSheet.Kind.Text, StreamedSheet.Kind.Text, StreamedSheet.Kind.Text,
        StreamedSheet.Kind.Number, StreamedSheet.Kind.Text, StreamedSheet.Kind.Text, StreamedSheet.Kind.Text,
    ];

    // Column 9 of the template row is outside the table; it only carries the quote-prefix text style.
    private const int QuotedTemplateColumn = 9;

    /// <summary>
    /// Lays out 积分明细 with ClosedXML (headers, widths, filter, print setup) and one template row whose cell styles the
    /// streamed rows reuse. With no rows, the sheet is finished here and says so.
    /// </summary>
    private static int LedgerTemplate(XLWorkbook workbook, List<object?[]> rows)
    {
        string[] headers = ["日期", "居民", "网格", "板块", "积分", "来源", "备注", "记录人"];
        if (rows.Count == 0)
        {
            return Table(workbook, "积分明细", headers, rows);
        }
        var template = new object?[] { new DateTime(2000, 1, 1), "x", "x", "x", 1, "x", "x", "x" };
        // Widths from the first rows are enough to size the columns; reading all 100k would only cost time.
        Table(workbook, "积分明细", headers, [template], rows.Take(2000).ToList());
        var quoted = workbook.Worksheet("积分明细").Cell(2, QuotedTemplateColumn);
        quoted.SetValue("x");
        quoted.Style.IncludeQuotePrefix = true;
        return rows.Count;
    }

    private static int Roster(XLWorkbook workbook, IReadOnlyList<RosterLine> roster, Period month, bool fullPhones) =>
        Table(workbook, "队伍花名册", ["队伍", "类型", "姓名", "角色", "网格", "联系电话", "入队日期", "离队日期", "离队原因", "本月变动"],
            roster.Select(r => new object?[]
            {
                r.Team, Labels.TeamKind(r.Kind), r.Name, Labels.Role(r.Role), r.Grid, fullPhones ? r.Phone : PhoneNumber.Mask(r.Phone),
                r.JoinedOn, r.LeftOn, r.LeaveReason,
                r.LeftOn is DateTime left && month.Contains(left) ? "本月离队" : month.Contains(r.JoinedOn) ? "本月加入" : "",
            }));

    /// <summary>Writes one detail sheet and returns its row count. An empty month still gets its headers and says so.</summary>
    private static int Table(XLWorkbook workbook, string name, string[] headers, IEnumerable<object?[]> rows, IReadOnlyList<object?[]>? widthsFrom = null)
    {
        var ws = workbook.AddWorksheet(name);
        for (var c = 0; c < headers.Length; c++)
        {
            ws.Cell(1, c + 1).SetValue(headers[c]);
        }
        ws.Range(1, 1, 1, headers.Length).Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#F4E3E3"));
        var widths = headers.Select(h => DisplayWidth(h)).ToArray();
        var r = 1;
        foreach (var row in rows)
        {
            r++;
            for (var c = 0; c < headers.Length; c++)
            {
                Put(ws.Cell(r, c + 1), row[c]);
                widths[c] = Math.Max(widths[c], row[c] switch
                {
                    DateTime d => d.TimeOfDay == TimeSpan.Zero ? 10 : 16,
                    null => 0,
                    var v => DisplayWidth(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                });
            }
        }
        foreach (var row in widthsFrom ?? [])
        {
            for (var c = 0; c < headers.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c] is DateTime or null ? 10 : DisplayWidth(Convert.ToString(row[c], System.Globalization.CultureInfo.InvariantCulture) ?? ""));
            }
        }
        if (r == 1)
        {
            ws.Cell(2, 1).SetValue(NoData);
        }
        ws.Range(1, 1, Math.Max(r, 2), headers.Length).SetAutoFilter();
        Finish(ws, 1, widths.Select(w => Math.Clamp(w + 2, 6, 60)).ToArray());
        return r - 1;
    }

    private static void Finish(IXLWorksheet ws, int headerRow, int[] widths)
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
