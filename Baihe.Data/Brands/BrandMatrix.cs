using Baihe.Data.Database;
using Baihe.Data.Members;

namespace Baihe.Data.Brands;

/// <summary>
/// The brand → team → member tree of one community, with its head counts (<see cref="People"/>, the overview's and
/// the report's definitions) and the 百合邻长's 服务次数 in <see cref="LeadPeriod"/> (the current half-year).
/// </summary>
public sealed record BrandMatrix(
    IReadOnlyList<BrandRow> Brands,
    IReadOnlyList<BrandTeamRow> Teams,
    IReadOnlyList<BrandMemberRow> Members,
    PeopleCounts People,
    int LeadServices,
    Period LeadPeriod)
{
    /// <summary>百合邻长 of the community.</summary>
    public int NeighbourLeads => People.NeighbourLeads;

    /// <summary>The matrix of a community that could not be shown: nothing in it.</summary>
    public static BrandMatrix Empty(Period period) => new([], [], [], new PeopleCounts(), 0, period);
}
