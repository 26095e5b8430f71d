using Baihe.Data.Accounts;
using Baihe.Data.Residents;
using Baihe.Data.Teams;

namespace Baihe.Tests.Data.Teams;

/// <summary>Who may change a resident's contact from a roster: pure rules, no database.</summary>
public class RosterRulesTests
{
    private static readonly Actor Secretary = new(1, "shuji", Roles.Secretary, null, 1, null);
    private static readonly Actor LeadOf5 = new(2, "lead5", Roles.Lead, null, null, 5);
    private static readonly Actor LeadOf6 = new(3, "lead6", Roles.Lead, null, null, 6);

    [Fact]
    public void ALead_EditsTheContactOfAMemberOnTheirTeamAlone()
    {
        var member = new MemberScope(10, 1, [5], HomeTeamId: 5);

        Assert.True(RosterRules.CanEditContact(LeadOf5, member, 5));
        Assert.False(RosterRules.CanEditContact(LeadOf6, member, 6));
        Assert.False(RosterRules.CanEditContact(LeadOf6, member, 5));
    }

    [Fact]
    public void AMemberOnTwoTeams_HasTheirContactEditedByTheSecretaryOnly_EvenByTheHomeTeamsLead()
    {
        var member = new MemberScope(10, 1, [5, 6], HomeTeamId: 5);

        Assert.False(RosterRules.CanEditContact(LeadOf5, member, 5));
        Assert.False(RosterRules.CanEditContact(LeadOf6, member, 6));
        Assert.True(RosterRules.CanEditContact(Secretary, member, 6));
        Assert.False(RosterRules.CanEditContact(Secretary with { CommunityId = 2 }, member, 6));
    }
}
