using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Teams;

namespace Baihe.Dashboard.Services.Auth;

/// <summary>
/// The demo accounts of the embedded demo database, one per role and one lead per volunteer team, all with
/// <see cref="Password"/>. They are marked IsDemo, which makes the UI show the 演示模式 banner.
/// </summary>
public sealed class DemoAccounts(UserCommands commands, CommunityQueries communities, TeamQueries teams)
{
    /// <summary>The shared demo password, stated in the README.</summary>
    public const string Password = "baihe-demo-2026";

    /// <summary>Who may create accounts from the server itself (start-up seeding and the CLI).</summary>
    public static readonly Actor System = new(0, "system", Roles.Admin, null, null, null);

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var community = await communities.FirstAsync(ct) ?? throw new InvalidOperationException("Seed the demo community first.");
        var teamIds = (await teams.ListAsync(community.Id, ct)).ToDictionary(t => t.Name, t => t.Id);
        var subDistrictId = community.SubDistrictId;
        // Each account gets its own salt, even with the shared demo password.
        string hash() => SignInService.Hash(Password);
        NewUser[] accounts =
        [
            new("jiedao", "街道干部（演示）", hash(), Roles.Official, SubDistrictId: subDistrictId, IsDemo: true),
            new("shuji", "社区书记（演示）", hash(), Roles.Secretary, CommunityId: community.Id, IsDemo: true),
            new("admin", "管理员（演示）", hash(), Roles.Admin, IsDemo: true),
            new("jinjiejie", "金姐姐队长（演示）", hash(), Roles.Lead, TeamId: teamIds["金姐姐"], IsDemo: true),
            new("yinhui", "银辉先锋队长（演示）", hash(), Roles.Lead, TeamId: teamIds["银辉先锋"], IsDemo: true),
            new("baihe", "调解队队长（演示）", hash(), Roles.Lead, TeamId: teamIds["“百·和”调解队"], IsDemo: true),
            new("xinhuo", "新火先锋队长（演示）", hash(), Roles.Lead, TeamId: teamIds["新火先锋队"], IsDemo: true),
        ];
        foreach (var account in accounts)
        {
            var result = await commands.CreateAsync(System, account, ct);
            if (!result.Ok)
            {
                throw new InvalidOperationException($"Demo account {account.UserName}: {result.Error}");
            }
        }
    }
}
