using Baihe.Data.Accounts;
using Baihe.Data.Points;
using Baihe.Data.Residents;

namespace Baihe.Tests.Data.Points;

/// <summary>Who may act for a resident's points: pure rules, no database.</summary>
public class PointsRulesTests
{
    private static readonly Actor Secretary = new(1, "shuji", Roles.Secretary, null, 1, null);
    private static readonly Actor LeadOf5 = new(2, "lead5", Roles.Lead, null, null, 5);
    private static readonly Actor LeadOf6 = new(3, "lead6", Roles.Lead, null, null, 6);

    [Fact]
    public void TheLeadOfTheHomeTeam_ActsForTheResident_AndTheLeadOfALaterTeamDoesNot()
    {
        // Recorded first on team 5, later also added to team 6.
        var member = new MemberScope(10, 1, [5, 6], HomeTeamId: 5);

        Assert.True(PointsRules.CanActFor(LeadOf5, member));
        Assert.False(PointsRules.CanActFor(LeadOf6, member));
        Assert.True(PointsRules.CanActFor(Secretary, member));
    }

    [Fact]
    public void AResidentOnNoTeam_IsActedForByTheSecretaryAlone()
    {
        var member = new MemberScope(10, 1, [], HomeTeamId: null);

        Assert.False(PointsRules.CanActFor(LeadOf5, member));
        Assert.True(PointsRules.CanActFor(Secretary, member));
        Assert.False(PointsRules.CanActFor(Secretary with { CommunityId = 2 }, member));
    }
}
