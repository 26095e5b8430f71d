using Baihe.Data.Accounts;
using Baihe.Data.Reports;

namespace Baihe.Tests.Data.Reports;

/// <summary>The one answer to "what may this actor export", without a database: the rule is a pure function.</summary>
public class ReportRulesTests
{
    private static readonly ReportTarget Community = new(CommunityId: 5, SubDistrictId: 3, TeamIds: [10, 11]);

    [Theory]
    [InlineData(Roles.Secretary, null, 5, null, true, null)]
    [InlineData(Roles.Official, 3, null, null, false, null)]
    [InlineData(Roles.Lead, null, 5, 11, true, 11)]
    public void ScopeFor_GivesEachRoleItsScopeOfItsOwnCommunity(string role, int? subDistrict, int? community, int? team, bool fullPhones, int? rosterOnly)
    {
        var scope = ReportRules.ScopeFor(new Actor(1, "u", role, subDistrict, community, team), Community);

        Assert.NotNull(scope);
        Assert.Equal(5, scope.CommunityId);
        Assert.Equal(fullPhones, scope.FullPhones);
        Assert.Equal(rosterOnly, scope.RosterOnlyTeamId);
        Assert.Null(scope.SubDistrictId);
    }

    [Theory]
    [InlineData(Roles.Secretary, null, 6, null)]
    [InlineData(Roles.Official, 4, null, null)]
    [InlineData(Roles.Lead, null, 5, 12)]
    [InlineData(Roles.Admin, null, null, null)]
    public void ScopeFor_RefusesAnotherCommunitysSecretary_AnotherSubDistrictsOfficial_AForeignTeamsLead_AndAnAdmin(string role, int? subDistrict, int? community, int? team) =>
        Assert.Null(ReportRules.ScopeFor(new Actor(1, "u", role, subDistrict, community, team), Community));

    [Fact]
    public void SubDistrictScopeFor_IsOnlyForAnOfficialOfThatSubDistrict()
    {
        Assert.Equal(3, ReportRules.SubDistrictScopeFor(new Actor(1, "u", Roles.Official, 3, null, null), 3)?.SubDistrictId);
        Assert.Null(ReportRules.SubDistrictScopeFor(new Actor(1, "u", Roles.Official, 4, null, null), 3));
        Assert.Null(ReportRules.SubDistrictScopeFor(new Actor(1, "u", Roles.Secretary, 3, 5, null), 3));
    }
}
