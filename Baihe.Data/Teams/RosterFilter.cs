using System.Globalization;
using Baihe.Data.Database;

namespace Baihe.Data.Teams;

/// <summary>
/// What a roster list shows: a keyword (name, grid, or the last four digits of a phone), a role, the members still on
/// the team or those who left, an order and a page. It lives in the page's link (<c>q</c>, <c>role</c>, <c>status</c>,
/// <c>sort</c>, <c>page</c>), so a reload or a copied link shows the same list.
/// </summary>
public sealed record RosterFilter
{
    /// <summary>Rows per page: a phone screen scrolls a few cards, not a whole team of hundreds.</summary>
    public const int PageSize = 20;

    /// <summary>Members on the team now (在册).</summary>
    public const string Active = "active";

    /// <summary>Members who left (已离队).</summary>
    public const string Left = "left";

    /// <summary>Both.</summary>
    public const string All = "all";

    /// <summary>The statuses a link may name, in the order a page offers them.</summary>
    public static readonly IReadOnlyList<string> Statuses = [Active, Left, All];

    /// <summary>The orders a link may name, in the order a page offers them; the first is the default.</summary>
    public static readonly IReadOnlyList<string> Sorts = ["role", "name", "joined", "grid", "points"];

    /// <summary>The keyword as typed (trimmed), or null.</summary>
    public string? Query { get; init; }

    /// <summary>A <see cref="RosterRole"/> code, or null for every role.</summary>
    public string? Role { get; init; }

    /// <summary><see cref="Active"/>, <see cref="Left"/> or <see cref="All"/>.</summary>
    public string Status { get; init; } = Active;

    /// <summary>One of <see cref="Sorts"/>.</summary>
    public string Sort { get; init; } = "role";

    /// <summary>The page, from 1.</summary>
    public int Page { get; init; } = 1;

    /// <summary>What in the link could not be read; each value named fell back to its default.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The keyword as a <c>LIKE</c> pattern for names and grids, or null.</summary>
    public string? NamePattern => SearchText.Contains(Query);

    /// <summary>
    /// The pattern for a phone's last four digits, when the keyword is exactly four digits. Only the tail: everyone who
    /// may read a roster already sees those four digits (<c>138****5678</c>), so searching by them reveals nothing.
    /// </summary>
    public string? PhoneTailPattern => Query is { Length: 4 } q && q.All(char.IsAsciiDigit) ? "%" + q : null;

    /// <summary>Reads the link's values; never throws, because a link is user input.</summary>
    public static RosterFilter Parse(string? q, string? role, string? status, string? sort, string? page)
    {
        var problems = new List<string>();
        var query = q?.Trim();
        if (query is { Length: > SearchText.MaxLength })
        {
            query = query[..SearchText.MaxLength];
        }

        string? roleCode = null;
        if (!string.IsNullOrWhiteSpace(role))
        {
            roleCode = RosterRole.All.FirstOrDefault(r => string.Equals(r, role.Trim(), StringComparison.OrdinalIgnoreCase));
            if (roleCode is null)
            {
                problems.Add($"无法识别角色“{role}”，已显示全部角色。");
            }
        }

        var statusCode = Active;
        if (!string.IsNullOrWhiteSpace(status))
        {
            statusCode = Statuses.FirstOrDefault(s => string.Equals(s, status.Trim(), StringComparison.OrdinalIgnoreCase)) ?? Active;
            if (!Statuses.Contains(status.Trim().ToLowerInvariant()))
            {
                problems.Add($"无法识别状态“{status}”，已显示在册成员。");
            }
        }

        var sortCode = Sorts[0];
        if (!string.IsNullOrWhiteSpace(sort))
        {
            sortCode = Sorts.FirstOrDefault(s => string.Equals(s, sort.Trim(), StringComparison.OrdinalIgnoreCase)) ?? Sorts[0];
            if (!Sorts.Contains(sort.Trim().ToLowerInvariant()))
            {
                problems.Add($"无法识别排序“{sort}”，已按角色排序。");
            }
        }

        var pageNumber = 1;
        if (!string.IsNullOrWhiteSpace(page))
        {
            if (!int.TryParse(page.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1)
            {
                problems.Add($"页码“{page}”应为正整数，已显示第 1 页。");
                pageNumber = 1;
            }
        }

        return new RosterFilter
        {
            Query = string.IsNullOrEmpty(query) ? null : query,
            Role = roleCode,
            Status = statusCode,
            Sort = sortCode,
            Page = pageNumber,
            Problems = problems,
        };
    }
}
