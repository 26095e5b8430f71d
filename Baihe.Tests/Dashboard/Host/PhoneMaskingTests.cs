using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Dashboard.Host;

public class PhoneMaskingTests
{
    [Theory]
    [InlineData("jiedao", false)]   // official: masked
    [InlineData("yinhui", false)]   // lead of another team: masked
    [InlineData("admin", false)]    // admin manages accounts, not residents: masked
    [InlineData("jinjiejie", true)] // the team's own lead: in full
    [InlineData("shuji", true)]     // the community's secretary: in full
    public async Task RosterPhones_AreShownInFullOnlyToTheTeamsLeadAndTheSecretary(string user, bool full)
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync(user);

        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/teams/1"));
        var phones = System.Text.RegularExpressions.Regex.Matches(html, "member-phone[^>]*>([^<]*)<").Select(m => m.Groups[1].Value.Trim()).ToList();

        Assert.NotEmpty(phones);
        Assert.All(phones, p => Assert.Matches(full ? "^1[0-9]{10}$" : @"^1[0-9]{2}\*{4}[0-9]{4}$", p));
    }
}
