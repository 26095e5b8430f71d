namespace Baihe.Data.Overview;

/// <summary>The seven KPI tiles of 总览, for one community and one year.</summary>
public sealed record OverviewKpis
{
    /// <summary>志愿服务队: teams of kind VolunteerService.</summary>
    public int VolunteerTeams { get; init; }

    /// <summary>兴趣队伍: teams of kind InterestGroup.</summary>
    public int InterestGroups { get; init; }

    /// <summary>百合邻长: residents flagged as neighbourhood leads.</summary>
    public int NeighbourLeads { get; init; }

    /// <summary>志愿者人数 (<see cref="Dashboard.TileDefinitions.Volunteers"/>) at the period's end.</summary>
    public int Volunteers { get; init; }

    /// <summary>今年办实事: tasks closed (resolved and confirmed by the resident) this year.</summary>
    public int TasksDone { get; init; }

    /// <summary>今年完成微心愿: wishes fulfilled this year (完成 or 回访).</summary>
    public int WishesFulfilled { get; init; }

    /// <summary>今年积分发放: the sum of positive ledger entries that occurred this year.</summary>
    public int PointsIssued { get; init; }
}
