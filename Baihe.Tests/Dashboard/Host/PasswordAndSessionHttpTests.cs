using System.Net;
using System.Text.RegularExpressions;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Host;

/// <summary>
/// Over HTTP, as a browser sees it: an administrator ending sessions or resetting a password, and a user changing their
/// own, act on every copy of the cookie at once; a reset password opens nothing but the change page until changed.
/// </summary>
public class PasswordAndSessionHttpTests
{
    [Fact]
    public async Task EndAllSessions_ByAnAdmin_RefusesACopiedCookie()
    {
        await using var app = new AppFactory();
        using var client = app.NoRedirectClient();
        var cookie = CookieOf(await AppFactory.PostLoginAsync(client, "shuji", DemoAccounts.Password));
        using var thief = CookieClient(app, cookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/teams")).StatusCode);

        var admin = BaiheActor(app, "admin");
        var shuji = (await app.Services.GetRequiredService<UserQueries>().FindByUserNameAsync("shuji"))!;
        Assert.True((await app.Services.GetRequiredService<UserCommands>().EndSessionsAsync(await admin, shuji.Id)).Ok);

        AssertSentToSignIn(await thief.GetAsync("/teams"));
        AssertSentToSignIn(await client.GetAsync("/teams"));
        Assert.Equal(1, await ScalarAsync(app, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'User.EndSessions' AND UserName = 'admin';"));
    }

    [Fact]
    public async Task AReset_ForcesAChangeAtTheNextSignIn_AndNoOtherPageOpensUntilThen()
    {
        await using var app = new AppFactory();
        using var before = app.NoRedirectClient();
        var oldCookie = CookieOf(await AppFactory.PostLoginAsync(before, "yinhui", DemoAccounts.Password));
        var yinhui = (await app.Services.GetRequiredService<UserQueries>().FindByUserNameAsync("yinhui"))!;

        var (error, temporary) = await app.Services.GetRequiredService<PasswordChanger>().ResetAsync(await BaiheActor(app, "admin"), yinhui.Id);
        Assert.Null(error);

        // The old session and the old password are gone.
        using var stale = CookieClient(app, oldCookie);
        AssertSentToSignIn(await stale.GetAsync("/teams"));
        using var client = app.NoRedirectClient();
        Assert.Equal(HttpStatusCode.OK, (await AppFactory.PostLoginAsync(client, "yinhui", DemoAccounts.Password)).StatusCode);

        var login = await AppFactory.PostLoginAsync(client, "yinhui", temporary!);
        Assert.Equal("/account/password", PathOf(login));
        foreach (var path in new[] { "/", "/teams", "/admin/users", $"/reports/export?month={DateTime.Today.AddMonths(-1):yyyy-MM}&community=1" })
        {
            var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal("/account/password", PathOf(page));
        }
        // The circuit's hub is refused too, so no interactive page can start behind the redirect.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", new StringContent(""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/password")).StatusCode);

        var changed = await PostChangeAsync(client, temporary!, "yinhui-own-password", "yinhui-own-password");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/teams")).StatusCode);
        Assert.Equal(0, await ScalarAsync(app, "SELECT MustChangePassword FROM AppUser WHERE UserName = 'yinhui';"));
        Assert.Equal(1, await ScalarAsync(app, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'User.ResetPassword' AND UserName = 'admin';"));
    }

    [Fact]
    public async Task ChangingOwnPassword_RefusesWrongOldWeakAndMismatched_ThenEndsOtherSessionsButKeepsThisOne()
    {
        await using var app = new AppFactory();
        using var phone = app.NoRedirectClient();
        await AppFactory.PostLoginAsync(phone, "shuji", DemoAccounts.Password);
        using var laptop = app.NoRedirectClient();
        await AppFactory.PostLoginAsync(laptop, "shuji", DemoAccounts.Password);

        Assert.Contains(UserCommands.WrongOldPassword, await TextAsync(await PostChangeAsync(laptop, "not-my-password", "shuji-new-password", "shuji-new-password")));
        Assert.Contains("新密码至少 10 位。", await TextAsync(await PostChangeAsync(laptop, DemoAccounts.Password, "short", "short")));
        Assert.Contains("两次输入的新密码不一致。", await TextAsync(await PostChangeAsync(laptop, DemoAccounts.Password, "shuji-new-password", "shuji-new-passw0rd")));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/teams")).StatusCode);
        Assert.Equal(1, await ScalarAsync(app, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:User.ChangePassword' AND UserName = 'shuji';"));

        var changed = await PostChangeAsync(laptop, DemoAccounts.Password, "shuji-new-password", "shuji-new-password");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/teams")).StatusCode);
        AssertSentToSignIn(await phone.GetAsync("/teams"));
        using var again = app.NoRedirectClient();
        Assert.Equal(HttpStatusCode.OK, (await AppFactory.PostLoginAsync(again, "shuji", DemoAccounts.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AppFactory.PostLoginAsync(again, "shuji", "shuji-new-password")).StatusCode);
    }

    [Fact]
    public async Task ASignIn_RecordsItsTimeAndAddress()
    {
        await using var app = new AppFactory();
        using var client = app.NoRedirectClient();
        client.DefaultRequestHeaders.Add(AppFactory.PeerHeader, "203.0.113.7");

        await AppFactory.PostLoginAsync(client, "jinjiejie", DemoAccounts.Password);

        var user = (await app.Services.GetRequiredService<UserQueries>().FindByUserNameAsync("jinjiejie"))!;
        Assert.Equal("203.0.113.7", user.LastSignInIp);
        Assert.NotNull(user.LastSignInAt);
        Assert.Null((await app.Services.GetRequiredService<UserQueries>().FindByUserNameAsync("yinhui"))!.LastSignInAt);
    }

    private static async Task<HttpResponseMessage> PostChangeAsync(HttpClient client, string old, string fresh, string repeated)
    {
        var form = await client.GetStringAsync("/account/password");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "password",
            ["__RequestVerificationToken"] = token,
            ["Input.OldPassword"] = old,
            ["Input.NewPassword"] = fresh,
            ["Input.Repeated"] = repeated,
        }));
    }

    private static async Task<Actor> BaiheActor(AppFactory app, string userName)
    {
        var user = (await app.Services.GetRequiredService<UserQueries>().FindByUserNameAsync(userName))!;
        return BaiheClaims.ToActor(BaiheClaims.Principal(user, "Test"))!;
    }

    private static string CookieOf(HttpResponseMessage login)
    {
        var cookie = Regex.Match(string.Join(";", login.Headers.GetValues("Set-Cookie")), "baihe\\.auth=([^;]+)").Groups[1].Value;
        Assert.NotEmpty(cookie);
        return cookie;
    }

    private static HttpClient CookieClient(AppFactory app, string cookie)
    {
        var client = app.NoRedirectClient();
        client.DefaultRequestHeaders.Add("Cookie", "baihe.auth=" + cookie);
        return client;
    }

    /// <summary>The page's text as a reader sees it (the renderer encodes Chinese as character references).</summary>
    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static string PathOf(HttpResponseMessage redirect) =>
        redirect.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.AbsolutePath : redirect.Headers.Location!.OriginalString;

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static async Task<int> ScalarAsync(AppFactory app, string sql)
    {
        await using var conn = new SqliteConnection($"Data Source={app.DatabaseFile}");
        return await conn.ExecuteScalarAsync<int>(sql);
    }
}
