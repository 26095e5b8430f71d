using System.Globalization;
using System.Text.RegularExpressions;
using Baihe.Data.Database;

namespace Baihe.Data.Reports;

/// <summary>A report month, parsed from <c>YYYY-MM</c> and checked against today.</summary>
public static partial class ReportMonth
{
    /// <summary>The month's period, or a Chinese message for a malformed or future month.</summary>
    public static string? Parse(string? text, DateTime today, out Period month)
    {
        month = default;
        var m = Pattern().Match(text?.Trim() ?? "");
        if (!m.Success)
        {
            return "月份格式应为 YYYY-MM，例如 2026-10。";
        }
        var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        if (number is < 1 or > 12 || year < 2000)
        {
            return "月份格式应为 YYYY-MM，例如 2026-10。";
        }
        var from = new DateTime(year, number, 1);
        if (from > today)
        {
            return $"{year}年{number}月还没有到，不能导出。";
        }
        month = new Period(from, from.AddMonths(1));
        return null;
    }

    /// <summary>Last month, the report secretaries usually want.</summary>
    public static string LastMonth(DateTime today) => today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The month as file names and titles show it: 2026年10月.</summary>
    public static string Label(Period month) => $"{month.From.Year}年{month.From.Month}月";

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})$")]
    private static partial Regex Pattern();
}
