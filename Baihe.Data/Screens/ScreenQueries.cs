using Baihe.Data.Database;
using Baihe.Data.Overview;
using Baihe.Data.Tasks;

namespace Baihe.Data.Screens;

/// <summary>
/// The big screen's figures for one community: 总览's figures and the task workflow's rates and overdue count, this
/// year, cut down to aggregates (<see cref="ScreenFigures"/>).
/// </summary>
public sealed class ScreenQueries(OverviewQueries overview, TaskWorkflowQueries workflow, BaiheClock clock)
{
    /// <summary>
    /// The figures of <paramref name="community"/>, which must be one of <see cref="DisplayTokenQueries.CommunitiesAsync"/>
    /// for the screen's own token: the screen asks only for the communities of its sub-district.
    /// </summary>
    public async Task<ScreenFigures> LoadAsync(ScreenCommunity community, CancellationToken ct = default)
    {
        var now = clock.Now;
        var year = Period.Year(now.Year);
        var data = await overview.LoadAsync(community.Id, year, ct);
        var rates = await workflow.RatesAsync(community.Id, year, ct);
        // Only the count of the overdue list leaves this method; the rows name residents.
        var overdue = (await workflow.OverdueAsync(community.Id, now, ct)).Count;
        return new ScreenFigures
        {
            CommunityId = community.Id,
            Community = community.Name,
            Year = now.Year,
            VolunteerTeams = data.Kpis.VolunteerTeams,
            InterestGroups = data.Kpis.InterestGroups,
            Volunteers = data.Kpis.Volunteers,
            NeighbourLeads = data.Kpis.NeighbourLeads,
            TasksDone = data.Kpis.TasksDone,
            WishesFulfilled = data.Kpis.WishesFulfilled,
            PointsIssued = data.Kpis.PointsIssued,
            Overdue = overdue,
            Rates = MonthRates.Sum(rates),
            TasksByMonth = data.TasksByMonth,
            TasksByStage = data.TasksByStage,
            WishesByStatus = data.WishesByStatus,
            PointsByArea = data.PointsByArea,
        };
    }
}
