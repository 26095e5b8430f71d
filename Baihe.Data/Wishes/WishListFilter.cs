using Baihe.Data.Database;

namespace Baihe.Data.Wishes;

/// <summary>
/// What the 微心愿 list is narrowed to: a keyword (the wish or the wisher's name), a grid, the team that claimed it,
/// the wisher's kind (老人, 困境儿童, 其他), a 发布 day range [<see cref="From"/>, <see cref="ToExclusive"/>) and a status.
/// Null means "any". <see cref="ToLink"/> writes it into the link and <see cref="Parse"/> reads it back.
/// </summary>
public sealed record WishListFilter
{
    /// <summary>The statuses a link may name, in the order a wish passes through them.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["Published", "Claimed", "Fulfilled", "Visited"];

    /// <summary>The wisher kinds a link may name.</summary>
    public static readonly IReadOnlyList<string> WisherKinds = ["Elderly", "Child", "Other"];

    /// <summary>No filter: every wish of the community.</summary>
    public static readonly WishListFilter None = new();

    public string? Keyword { get; init; }
    public int? GridId { get; init; }
    public int? TeamId { get; init; }
    public string? WisherKind { get; init; }
    public DateTime? From { get; init; }
    public DateTime? ToExclusive { get; init; }
    public string? Status { get; init; }

    /// <summary>Reads a link's values; every value that cannot be read is reported in Chinese and left unfiltered.</summary>
    public static ListLink<WishListFilter> Parse(string? q, string? grid, string? team, string? category,
        string? from, string? to, string? status, string? page)
    {
        var problems = new List<string>();
        var (first, end) = ListLinkValues.Days(from, to, "发布日期", problems);
        var filter = new WishListFilter
        {
            Keyword = string.IsNullOrWhiteSpace(q) ? null : Cut(q.Trim()),
            GridId = ListLinkValues.Id(grid, "网格", problems),
            TeamId = ListLinkValues.Id(team, "队伍", problems),
            WisherKind = ListLinkValues.Choice(category, WisherKinds, "心愿人类别", problems),
            From = first,
            ToExclusive = end,
            Status = ListLinkValues.Choice(status, Statuses, "状态", problems),
        };
        return new ListLink<WishListFilter>(filter, ListLinkValues.Page(page, problems), problems);
    }

    /// <summary>The link's query values for this filter (null removes a value), page 1 implied.</summary>
    public IReadOnlyDictionary<string, object?> ToLink() => new Dictionary<string, object?>
    {
        ["q"] = Keyword,
        ["grid"] = GridId,
        ["team"] = TeamId,
        ["category"] = WisherKind,
        ["from"] = ListLinkValues.DayText(From),
        ["to"] = ListLinkValues.DayText(ToExclusive?.AddDays(-1)),
        ["status"] = Status,
        ["page"] = null,
    };

    private static string Cut(string text) => text.Length <= SearchText.MaxLength ? text : text[..SearchText.MaxLength];
}
