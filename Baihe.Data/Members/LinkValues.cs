using System.Globalization;

namespace Baihe.Data.Members;

/// <summary>
/// Reads the values of a list page's link. A value that cannot be read adds a Chinese problem and is dropped (the
/// filter's default); it never throws, because a link is user input.
/// </summary>
public static class LinkValues
{
    /// <summary>A positive id, or null when absent or unreadable (then a problem naming <paramref name="label"/>).</summary>
    public static int? Id(string? text, string label, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }
        problems.Add($"链接中的{label}“{Show(text)}”无法识别，已显示全部{label}。");
        return null;
    }

    /// <summary>A page number from 1, or 1 when absent or unreadable (then a problem).</summary>
    public static int PageNumber(string? text, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1)
        {
            return page;
        }
        problems.Add($"链接中的页码“{Show(text)}”无法识别，已显示第 1 页。");
        return 1;
    }

    /// <summary>A yes/no switch: <c>1</c> or <c>true</c> is on; anything else but empty or <c>0</c> is a problem.</summary>
    public static bool Flag(string? text, string label, List<string> problems)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t) || t is "0" || t.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (t is "1" || t.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        problems.Add($"链接中的“{label}”条件“{Show(t)}”无法识别，已不按{label}筛选。");
        return false;
    }

    /// <summary>A keyword, trimmed and cut to the search's length; null when empty.</summary>
    public static string? Keyword(string? text)
    {
        var q = text?.Trim();
        return string.IsNullOrEmpty(q) ? null : q.Length > Database.SearchText.MaxLength ? q[..Database.SearchText.MaxLength] : q;
    }

    /// <summary>A value as echoed in a message: cut short, so a forged link cannot fill the page.</summary>
    internal static string Show(string text) => text.Length > 20 ? text[..20] + "…" : text;
}
