using Baihe.Data.Tasks;

namespace Baihe.Data.Dashboard;

/// <summary>The task rates of one grid or one handling team of a community (<see cref="CommunityDashboard.RatesByGrid"/>, <see cref="CommunityDashboard.RatesByTeam"/>).</summary>
public sealed record RateRow(int Id, string Name, MonthRates Rates);
