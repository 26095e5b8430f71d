namespace Baihe.Data.Communities;

/// <summary>One grid's figures for a period: "问题在网格解决、服务在网格开展".</summary>
public sealed record GridSummary
{
    public int Id { get; init; }
    public int CommunityId { get; init; }
    public string Name { get; init; } = "";
    public int Residents { get; init; }
    public int NeighbourLeads { get; init; }
    public int OpenTasks { get; init; }
    public int OverdueTasks { get; init; }
    public int TasksDone { get; init; }
    public int WishesFulfilled { get; init; }
    public int PointsEarned { get; init; }
}
