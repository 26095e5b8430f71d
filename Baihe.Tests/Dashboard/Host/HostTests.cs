using System.Net;
using Baihe.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Host;

public class HostTests
{
    [Fact]
    public async Task Home_Returns200WithTheCommunityAndItsFigures()
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync("jiedao");

        var response = await client.GetAsync("/?community=1");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("百合园社区", html);
        Assert.Contains("办实事", html);
        // Prerendered with the data, so the first paint already shows the figures.
        Assert.Equal("65", Tile(html, "tasksDone"));
        Assert.Equal("158", Tile(html, "wishesFulfilled"));
        Assert.True(File.Exists(app.DatabaseFile), "the embedded database file is created on first run");
    }

    [Theory]
    [InlineData("/brands", "百合“共治圈”")]
    [InlineData("/teams", "新火先锋队")]
    [InlineData("/teams/1", "花名册")]
    [InlineData("/tasks", "民呼我应")]
    [InlineData("/wishes", "微心愿")]
    [InlineData("/points", "一次一积分、一场一统计、一年两评选")]
    [InlineData("/members/1", "的积分")]
    [InlineData("/activities", "一场一统计")]
    [InlineData("/activities/1", "活动")]
    [InlineData("/rewards", "以积分兑奖励")]
    [InlineData("/evaluations", "一年两评选")]
    [InlineData("/tasks/1", "民呼我应")]
    [InlineData("/wishes/1", "百合园社区")]
    [InlineData("/grids", "网格对比")]
    [InlineData("/grids/1", "网格")]
    [InlineData("/deliberations", "邻合百姓事")]
    [InlineData("/reports", "月报导出")]
    public async Task EveryPage_AnswersInChinese(string path, string expected)
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync("jiedao");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(path));

        Assert.Contains(expected, html);
        Assert.Contains("lang=\"zh-CN\"", html);
        Assert.Contains("演示模式", html);
    }

    [Theory]
    [InlineData("/tasks")]
    [InlineData("/wishes")]
    public async Task PagedLists_DoNotQueryWhilePrerendering(string path)
    {
        // The grid loads its page once the circuit is interactive; prerendering shows a loading line instead of
        // running the query a second time.
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync("jiedao");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(path));

        Assert.Contains("正在加载", html);
        // Every row names its grid (第一网格 … 第五网格); a prerendered page of 20 rows would name some.
        Assert.DoesNotMatch("第[一二三四五]网格", html);
    }

    [Fact]
    public async Task UnknownTeam_SaysSoInChinese()
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync("jiedao");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/teams/9999"));

        Assert.Contains("找不到这支队伍", html);
    }

    [Fact]
    public async Task CircuitHub_KeepsThe32KbReceiveLimit_AndProductionCircuitOptions()
    {
        await using var app = new AppFactory();
        // ComponentHub is internal to Blazor; its options are read the way SignalR reads them, through IOptions<HubOptions<THub>>.
        var hub = typeof(Microsoft.AspNetCore.Components.Server.CircuitOptions).Assembly.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var optionsType = typeof(Microsoft.Extensions.Options.IOptions<>).MakeGenericType(typeof(Microsoft.AspNetCore.SignalR.HubOptions<>).MakeGenericType(hub));
        var hubOptions = (Microsoft.AspNetCore.SignalR.HubOptions)optionsType.GetProperty("Value")!.GetValue(app.Services.GetService(optionsType))!;
        Assert.Equal(32 * 1024, hubOptions.MaximumReceiveMessageSize);

        var circuit = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Components.Server.CircuitOptions>>().Value;
        Assert.False(circuit.DetailedErrors);
        Assert.Equal(TimeSpan.FromMinutes(3), circuit.DisconnectedCircuitRetentionPeriod);
    }

    [Fact]
    public async Task Healthz_Is200WhenTheDatabaseAnswersAnd503WhenItDoesNot()
    {
        await using var app = new AppFactory();
        using var client = app.NoRedirectClient();

        var healthy = await client.GetAsync("/healthz");
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(app.DatabaseFile + suffix);
        }
        var broken = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, broken.StatusCode);
    }

    [Fact]
    public async Task SecondStart_AppliesNoMigrationAndDoesNotSeedTwice()
    {
        await using var first = new AppFactory();
        using (var client = first.NoRedirectClient())
        {
            await client.GetAsync("/healthz");
        }
        // A second app over the same file: DbUp finds everything journaled and the seeder finds data.
        await using var second = new AppOverFile(first.DatabaseFile);
        using var client2 = await second.SignedInClientAsync("shuji");

        var html = WebUtility.HtmlDecode(await client2.GetStringAsync("/"));

        Assert.Equal("65", Tile(html, "tasksDone"));
        Assert.Equal("22", Tile(html, "neighbourLeads"));
    }

    [Fact]
    public async Task AnOfficialsHome_IsTheDistrictView_AndKeepsTheLinksPeriod()
    {
        await using var app = new AppFactory();
        using var official = await app.SignedInClientAsync("jiedao");

        var home = await official.GetAsync("/?period=2026H1");
        var district = WebUtility.HtmlDecode(await official.GetStringAsync("/district?period=2026H1"));

        Assert.Equal(HttpStatusCode.Found, home.StatusCode);
        Assert.EndsWith("district?period=2026H1", home.Headers.Location!.ToString());
        // Prerendered with the comparison, one row per community of 金东街道.
        Assert.Contains("各社区对比", district);
        Assert.Contains("百合园社区", district);
        Assert.Contains("2026年上半年", district);
    }

    /// <summary>The figure a prerendered tile shows, found by its key.</summary>
    private static string Tile(string html, string key) =>
        System.Text.RegularExpressions.Regex.Match(html, $"data-tile=\"{key}\".*?kpi-value[^>]*>([0-9,]+)", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
}
