using ClosedXML.Excel;
using static Baihe.Data.Import.ImportLayout;

namespace Baihe.Dashboard.Services.Import;

/// <summary>
/// The roster workbook a secretary downloads and fills in: a 居民 and a 队伍成员 sheet with the Chinese header row
/// <see cref="ImportWorkbookReader"/> expects, one example row each, and drop-down lists of the community's grids and
/// teams, the roles and 是/否 (kept on a hidden 选项 sheet, which Excel's list validation can reference at any length).
/// Column widths are set by hand: ClosedXML's automatic fitting needs GDI+, which Linux lacks.
/// </summary>
public static class ImportTemplate
{
    public const string OptionsSheet = "选项";

    /// <summary>How far down the drop-down lists reach.</summary>
    private const int ValidatedRows = 5000;

    private static readonly XLColor HeaderFill = XLColor.FromHtml("#F4E3E3");

    private static readonly string[] RoleLabels = ["队员", "副队长", "队长"];

    /// <summary>The template for a community with these grids and teams, as .xlsx bytes.</summary>
    public static byte[] Build(IReadOnlyList<string> grids, IReadOnlyList<string> teams, DateTime today)
    {
        using var workbook = new XLWorkbook();
        var residents = workbook.AddWorksheet(ResidentSheet);
        var memberships = workbook.AddWorksheet(MembershipSheet);
        var options = workbook.AddWorksheet(OptionsSheet);

        var gridList = OptionColumn(options, 1, "网格", grids);
        var teamList = OptionColumn(options, 2, "队伍", teams);
        var roleList = OptionColumn(options, 3, "角色", RoleLabels);
        var yesNoList = OptionColumn(options, 4, "是/否", [Yes, No]);
        options.Visibility = XLWorksheetVisibility.Hidden;

        Header(residents, ResidentHeaders, [12, 16, 16, 8, 8, 24]);
        residents.Column(2).Style.NumberFormat.Format = "@";
        residents.Cell(2, 1).SetValue("张三" + ExampleMark);
        residents.Cell(2, 2).SetValue("13800138000");
        residents.Cell(2, 3).SetValue(grids.FirstOrDefault() ?? "");
        residents.Cell(2, 4).SetValue(No);
        residents.Cell(2, 5).SetValue(No);
        residents.Cell(2, 6).SetValue("水电维修");
        List(residents, 3, gridList, "网格");
        List(residents, 4, yesNoList, PartyMember);
        List(residents, 5, yesNoList, NeighbourLead);

        Header(memberships, MembershipHeaders, [12, 16, 20, 10, 14]);
        memberships.Column(2).Style.NumberFormat.Format = "@";
        memberships.Column(5).Style.NumberFormat.Format = "yyyy-mm-dd";
        memberships.Cell(2, 1).SetValue("张三" + ExampleMark);
        memberships.Cell(2, 2).SetValue("13800138000");
        memberships.Cell(2, 3).SetValue(teams.FirstOrDefault() ?? "");
        memberships.Cell(2, 4).SetValue("队员");
        memberships.Cell(2, 5).SetValue(today.Date);
        List(memberships, 3, teamList, Team);
        List(memberships, 4, roleList, Role);
        var dates = memberships.Range(2, 5, ValidatedRows, 5).SetDataValidation();
        dates.Date.Between(new DateTime(2000, 1, 1), new DateTime(2099, 12, 31));
        dates.ErrorTitle = "入队日期";
        dates.ErrorMessage = "请填写 2000 年以后的日期，例如 2024-03-01。";

        foreach (var ws in new[] { residents, memberships })
        {
            ws.Row(2).Style.Font.SetItalic().Font.SetFontColor(XLColor.Gray);
            ws.SheetView.FreezeRows(1);
        }
        residents.Cell(1, ResidentHeaders.Count + 2).SetValue("示例行（斜体）请删除或改写；同一居民以“姓名 + 手机号”识别，重复导入不会重复登记。");
        memberships.Cell(1, MembershipHeaders.Count + 2).SetValue("每行一人一队；“姓名 + 手机号”须与“居民”表或系统中已登记的居民一致。");

        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private static void Header(IXLWorksheet ws, IReadOnlyList<string> headers, double[] widths)
    {
        for (var c = 0; c < headers.Count; c++)
        {
            ws.Cell(1, c + 1).SetValue(headers[c]);
            ws.Column(c + 1).Width = widths[c];
        }
        ws.Range(1, 1, 1, headers.Count).Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill);
    }

    private static IXLRange OptionColumn(IXLWorksheet options, int column, string title, IReadOnlyList<string> values)
    {
        options.Cell(1, column).SetValue(title);
        for (var i = 0; i < values.Count; i++)
        {
            options.Cell(i + 2, column).SetValue(values[i]);
        }
        return options.Range(2, column, Math.Max(values.Count, 1) + 1, column);
    }

    private static void List(IXLWorksheet ws, int column, IXLRange values, string label)
    {
        var validation = ws.Range(2, column, ValidatedRows, column).SetDataValidation();
        validation.List(values, true);
        validation.ErrorTitle = label;
        validation.ErrorMessage = $"请从下拉列表中选择{label}。";
    }
}
