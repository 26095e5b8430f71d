using System.Net;
using System.Text.RegularExpressions;
using Baihe.Dashboard.Services.Auth;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Baihe.Tests.Dashboard.Host;

/// <summary>
/// Over HTTP: what a page sends the browser to hand back to its circuit stays small whatever the list size, and a
/// signed-out cookie stops working everywhere at once.
/// </summary>
public class SessionAndCircuitStateTests
{
    /// <summary>SignalR's default limit on one message from the browser; the persisted state is sent back in one.</summary>
    private const int CircuitReceiveLimit = 32 * 1024;

    [Theory]
    [InlineData("teams/{team}")]
    [InlineData("teams")]
    [InlineData("brands")]
    public async Task APageListing400Members_PrerendersWithPersistedStateWellUnderTheCircuitLimit(string path)
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync("shuji");
        var team = await AddMembersAsync(app.DatabaseFile, "银辉先锋", 400);

        var html = await client.GetStringAsync("/" + path.Replace("{team}", team.ToString(), StringComparison.Ordinal));

        // Every state blob the prerender hands to the browser, which the browser sends back when the circuit starts.
        var state = Regex.Matches(html, "<!--Blazor-Server-Component-State:([^-]*)-->").Sum(m => m.Groups[1].Value.Length);
        Assert.True(state < CircuitReceiveLimit / 4, $"/{path} persists {state} bytes of component state (circuit limit {CircuitReceiveLimit})");
    }

    [Fact]
    public async Task ACopiedCookie_IsRefusedEverywhere_AfterItsOwnerSignsOut()
    {
        await using var app = new AppFactory();
        using var client = app.NoRedirectClient();
        var login = await AppFactory.PostLoginAsync(client, "shuji", DemoAccounts.Password);
        var cookie = Regex.Match(string.Join(";", login.Headers.GetValues("Set-Cookie")), "baihe\\.auth=([^;]+)").Groups[1].Value;
        Assert.NotEmpty(cookie);
        using var thief = app.NoRedirectClient();
        thief.DefaultRequestHeaders.Add("Cookie", "baihe.auth=" + cookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/teams")).StatusCode);
        var export = $"/reports/export?month={DateTime.Today.AddMonths(-1):yyyy-MM}&community=1";
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync(export)).StatusCode);

        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        var page = await thief.GetAsync("/teams");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var download = await thief.GetAsync(export);
        Assert.Equal(HttpStatusCode.Redirect, download.StatusCode);
        Assert.StartsWith("/login", download.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await using var conn = new SqliteConnection($"Data Source={app.DatabaseFile}");
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'User.EndSessions' AND UserName = 'shuji';"));
    }

    /// <summary>Puts <paramref name="count"/> new residents on the named team, as a busy team would have them.</summary>
    internal static async Task<long> AddMembersAsync(string databaseFile, string teamName, int count)
    {
        await using var conn = new SqliteConnection($"Data Source={databaseFile}");
        await conn.OpenAsync();
        var team = await conn.QuerySingleAsync<long>("SELECT Id FROM Team WHERE Name = @teamName;", new { teamName });
        var grid = await conn.QuerySingleAsync<long>("SELECT MIN(g.Id) FROM Grid g JOIN Team t ON t.CommunityId = g.CommunityId WHERE t.Id = @team;", new { team });
        await using var tx = await conn.BeginTransactionAsync();
        for (var i = 0; i < count; i++)
        {
            var member = await conn.ExecuteScalarAsync<long>("""
                INSERT INTO Member (GridId, Name, Phone, CreatedAt) VALUES (@grid, @name, @phone, '2026-01-01');
                SELECT last_insert_rowid();
                """, new { grid, name = $"测试队员{i:D4}", phone = $"137{i:D8}" }, tx);
            await conn.ExecuteAsync("INSERT INTO Membership (TeamId, MemberId, Role, JoinedOn) VALUES (@team, @member, 'Member', '2026-01-02');",
                new { team, member }, tx);
        }
        await tx.CommitAsync();
        return team;
    }
}
