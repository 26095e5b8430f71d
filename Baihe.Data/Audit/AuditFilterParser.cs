using System.Globalization;
using System.Text.RegularExpressions;

namespace Baihe.Data.Audit;

/// <summary>
/// Reads the audit viewer's filters from the URL. A value that cannot be right (too long, an unknown area or record
/// kind, a date that is not a date, a range that ends before it starts) is dropped with a Chinese message, and the rest
/// of the filter still applies; nothing here throws. Whether a community may be read is decided later, by the page.
/// </summary>
public static partial class AuditFilterParser
{
    /// <summary>The URL's date format.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Parses the query values; null or empty means "not set".</summary>
    public static AuditFilterParse Parse(string? person, string? action, string? area, string? type, string? id, string? from, string? to,
        string? community, string? page)
    {
        var problems = new List<string>();
        person = person?.Trim();
        if (person is { Length: > 50 })
        {
            problems.Add("操作人名称过长，已忽略该条件。");
            person = null;
        }
        action = action?.Trim();
        if (!string.IsNullOrEmpty(action) && action != AuditFilter.AllRefusals && (action.Length > 50 || !ActionCode().IsMatch(action)))
        {
            problems.Add("无法识别的操作类型，已显示全部操作。");
            action = null;
        }
        if (!string.IsNullOrEmpty(area) && AuditLabels.Areas.All(a => a.Key != area))
        {
            problems.Add("无法识别的业务范围，已显示全部范围。");
            area = null;
        }
        if (!string.IsNullOrEmpty(type) && !AuditLabels.EntityTypes.ContainsKey(type))
        {
            problems.Add("无法识别的记录类型，已忽略记录条件。");
            type = null;
            id = null;
        }
        if (!string.IsNullOrEmpty(id) && (string.IsNullOrEmpty(type) || id.Length > 50 || !id.All(char.IsAsciiDigit)))
        {
            problems.Add("记录编号应为数字并同时指定记录类型，已忽略该条件。");
            id = null;
        }
        var fromDate = Date(from, "开始日期", problems);
        var toDate = Date(to, "结束日期", problems);
        if (fromDate is not null && toDate is not null && fromDate > toDate)
        {
            problems.Add("开始日期晚于结束日期，已忽略日期条件。");
            fromDate = toDate = null;
        }
        int? communityId = null;
        if (!string.IsNullOrEmpty(community))
        {
            if (int.TryParse(community, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0)
            {
                communityId = c;
            }
            else
            {
                problems.Add("社区编号无效，已显示全部社区。");
            }
        }
        var pageNo = 1;
        if (!string.IsNullOrEmpty(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNo) || pageNo < 1))
        {
            problems.Add("页码无效，已回到第 1 页。");
            pageNo = 1;
        }
        var filter = new AuditFilter(NullIfEmpty(person), NullIfEmpty(action), NullIfEmpty(area), NullIfEmpty(type), NullIfEmpty(id),
            fromDate, toDate, communityId);
        return new AuditFilterParse(filter, pageNo, problems);
    }

    private static DateOnly? Date(string? text, string label, List<string> problems)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100)
        {
            return d;
        }
        problems.Add($"{label}应为 年-月-日（如 2026-03-01），已忽略该条件。");
        return null;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z.:]*$")]
    private static partial Regex ActionCode();
}
