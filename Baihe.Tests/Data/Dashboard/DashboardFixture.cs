using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Dashboard;
using Baihe.Data.Database;
using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Data.Dashboard;

/// <summary>The dashboard's query classes over one test database, and the actors the tests read as.</summary>
internal sealed class DashboardFixture(TestDatabase db)
{
    public CommunityQueries Communities { get; } = new(db.Factory, db.Clock);

    public DashboardScopeQueries Scopes { get; } = new(db.Factory, db.Clock, new CommunityQueries(db.Factory, db.Clock));

    public DistrictQueries District { get; } = new(db.Factory, db.Clock);

    public CommunityDashboardQueries Community { get; } = new(db.Factory, db.Clock);

    public DrillQueries Drill { get; } = new(db.Factory, db.Clock);

    public static Actor Official(int subDistrictId) => new(0, "jiedao", Roles.Official, subDistrictId, null, null);

    public static Actor Secretary(int communityId) => new(0, "shuji", Roles.Secretary, null, communityId, null);

    public static Actor Admin() => new(0, "admin", Roles.Admin, null, null, null);

    public DateTime Today => db.Clock.Today;

    public DashboardFilter Filter(string? period = null, string? from = null, string? to = null, int? community = null, int? grid = null, int? subdistrict = null)
    {
        var parse = DashboardFilterParser.Parse(period, from, to, subdistrict?.ToString(), community?.ToString(), grid?.ToString(), Today);
        Assert.Empty(parse.Problems);
        return parse.Filter;
    }

    public async Task<DashboardScope> ScopeAsync(Actor actor, DashboardFilter filter)
    {
        var choice = await Scopes.ResolveAsync(actor, filter);
        Assert.Null(choice.Refusal);
        return choice.Scope!;
    }
}
