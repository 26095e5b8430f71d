using Baihe.Data.Database;

namespace Baihe.Data.Tasks;

/// <summary>
/// What the 民呼我应 list is narrowed to: a keyword (title, description or resident's name), a grid, a team, a
/// category, an urgency, a 受理 day range [<see cref="From"/>, <see cref="ToExclusive"/>) and a stage or
/// <see cref="Overdue"/>. Null means "any". It is the list's whole state: <see cref="ToLink"/> writes it into the
/// link and <see cref="Parse"/> reads it back, so a reload or a copied link reproduces the list.
/// </summary>
public sealed record TaskListFilter
{
    /// <summary>The stage value meaning "not closed and past its due time" (the overview's 已超期 drill link).</summary>
    public const string Overdue = "Overdue";

    /// <summary>The urgency value meaning "not yet judged" (待研判), stored as no urgency.</summary>
    public const string Unjudged = "None";

    /// <summary>The stages a link may name: the five stages and <see cref="Overdue"/>.</summary>
    public static readonly IReadOnlyList<string> Stages = [TaskCodes.Collected, TaskCodes.Identified, TaskCodes.Assigned, TaskCodes.Resolved, TaskCodes.Closed, Overdue];

    /// <summary>The urgencies a link may name: the three codes and <see cref="Unjudged"/>.</summary>
    public static readonly IReadOnlyList<string> Urgencies = [.. TaskCodes.Urgencies, Unjudged];

    /// <summary>No filter: every task of the community.</summary>
    public static readonly TaskListFilter None = new();

    public string? Keyword { get; init; }
    public int? GridId { get; init; }
    public int? TeamId { get; init; }
    public string? Category { get; init; }
    public string? Urgency { get; init; }
    public DateTime? From { get; init; }
    public DateTime? ToExclusive { get; init; }
    public string? Stage { get; init; }

    /// <summary>
    /// Reads a link's values; every value that cannot be read is reported in Chinese and left unfiltered. A keyword
    /// longer than <see cref="SearchText.MaxLength"/> is cut, as the search cuts it.
    /// </summary>
    public static ListLink<TaskListFilter> Parse(string? q, string? grid, string? team, string? category, string? urgency,
        string? from, string? to, string? stage, string? page)
    {
        var problems = new List<string>();
        var (first, end) = ListLinkValues.Days(from, to, "受理日期", problems);
        var filter = new TaskListFilter
        {
            Keyword = string.IsNullOrWhiteSpace(q) ? null : Cut(q.Trim()),
            GridId = ListLinkValues.Id(grid, "网格", problems),
            TeamId = ListLinkValues.Id(team, "队伍", problems),
            Category = ListLinkValues.Choice(category, TaskCodes.Categories, "类别", problems),
            Urgency = ListLinkValues.Choice(urgency, Urgencies, "紧急程度", problems),
            From = first,
            ToExclusive = end,
            Stage = ListLinkValues.Choice(stage, Stages, "阶段", problems),
        };
        return new ListLink<TaskListFilter>(filter, ListLinkValues.Page(page, problems), problems);
    }

    /// <summary>
    /// The link's query values for this filter (null removes a value), page 1 implied; pass it to
    /// <c>NavigationManager.GetUriWithQueryParameters</c>.
    /// </summary>
    public IReadOnlyDictionary<string, object?> ToLink() => new Dictionary<string, object?>
    {
        ["q"] = Keyword,
        ["grid"] = GridId,
        ["team"] = TeamId,
        ["category"] = Category,
        ["urgency"] = Urgency,
        ["from"] = ListLinkValues.DayText(From),
        ["to"] = ListLinkValues.DayText(ToExclusive?.AddDays(-1)),
        ["stage"] = Stage,
        ["page"] = null,
    };

    private static string Cut(string text) => text.Length <= SearchText.MaxLength ? text : text[..SearchText.MaxLength];
}
