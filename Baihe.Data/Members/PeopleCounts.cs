namespace Baihe.Data.Members;

/// <summary>
/// The head counts of one community at one moment, each as <see cref="Dashboard.TileDefinitions"/> defines it:
/// <see cref="Registered"/> 成员, <see cref="OnRoster"/> 在册人数, <see cref="Volunteers"/> 志愿者人数,
/// <see cref="NeighbourLeads"/> 百合邻长.
/// </summary>
public sealed record PeopleCounts
{
    /// <summary>成员: every resident in the community's register (its grids), on a team or not.</summary>
    public int Registered { get; init; }

    /// <summary>在册人数: residents on at least one team's roster (any kind), each counted once.</summary>
    public int OnRoster { get; init; }

    /// <summary>志愿者人数: residents on at least one 志愿服务队's roster, each counted once.</summary>
    public int Volunteers { get; init; }

    /// <summary>百合邻长: residents registered as neighbourhood leads.</summary>
    public int NeighbourLeads { get; init; }
}
