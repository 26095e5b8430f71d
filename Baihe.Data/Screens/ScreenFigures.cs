using Baihe.Data.Overview;

namespace Baihe.Data.Screens;

/// <summary>
/// What the big screen shows of one community: counts and sums only. The screen is open to anyone who can see the
/// TV, so this record carries no person's name or phone, and no team name either (some teams are named after people).
/// </summary>
public sealed record ScreenFigures
{
    public int CommunityId { get; init; }
    public string Community { get; init; } = "";
    public int Year { get; init; }
    public int VolunteerTeams { get; init; }
    public int InterestGroups { get; init; }
    public int Volunteers { get; init; }
    public int NeighbourLeads { get; init; }
    public int TasksDone { get; init; }
    public int WishesFulfilled { get; init; }
    public int PointsIssued { get; init; }

    /// <summary>Open tasks past their due time, now.</summary>
    public int Overdue { get; init; }

    /// <summary>The rates of the tasks received this year (counts only), as every other page defines them.</summary>
    public Tasks.MonthRates Rates { get; init; } = new();

    public int Received => Rates.Received;
    public int Closed => Rates.Closed;
    public double? CloseRate => Rates.CloseRate;
    public double? OnTimeRate => Rates.OnTimeRate;
    public double? SatisfactionRate => Rates.SatisfactionRate;

    public IReadOnlyList<MonthCount> TasksByMonth { get; init; } = [];
    public IReadOnlyList<StageCount> TasksByStage { get; init; } = [];
    public IReadOnlyList<StageCount> WishesByStatus { get; init; } = [];
    public IReadOnlyList<AreaPoints> PointsByArea { get; init; } = [];
}
