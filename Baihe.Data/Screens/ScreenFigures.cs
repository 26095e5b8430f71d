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

    /// <summary>Tasks received this year, and of those closed, closed on time, and the confirmations that reopened one.</summary>
    public int Received { get; init; }
    public int Closed { get; init; }
    public int OnTime { get; init; }
    public int Reopens { get; init; }

    public double? CloseRate => Received == 0 ? null : (double)Closed / Received;
    public double? OnTimeRate => Closed == 0 ? null : (double)OnTime / Closed;
    public double? SatisfactionRate => Closed + Reopens == 0 ? null : (double)Closed / (Closed + Reopens);

    public IReadOnlyList<MonthCount> TasksByMonth { get; init; } = [];
    public IReadOnlyList<StageCount> TasksByStage { get; init; } = [];
    public IReadOnlyList<StageCount> WishesByStatus { get; init; } = [];
    public IReadOnlyList<AreaPoints> PointsByArea { get; init; } = [];
}
