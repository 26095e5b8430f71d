namespace Baihe.Data.Database;

/// <summary>
/// The size of one sample community the demo seeds beside 百合园社区: its grids, residents and 邻长, the tasks closed
/// this year and still open, how many in ten closed tasks ran late or were reopened once, wishes fulfilled this year
/// and still open, and ledger entries this year. Sample data for the district comparison, not real figures.
/// </summary>
public sealed record SampleCommunity(string Name, int Grids, int Residents, int Leads, int TasksClosed, int TasksOpen,
    int LateShare, int ReopenShare, int WishesFulfilled, int WishesOpen, int PointEntries);
