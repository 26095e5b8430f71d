using System.Net;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Baihe.Tests.Dashboard.Host;

public class SignInTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/teams/1")]
    [InlineData("/tasks")]
    public async Task Anonymous_IsSentToTheLoginPage(string path)
    {
        await using var app = new AppFactory();
        using var client = app.NoRedirectClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task LoginPage_IsChineseAndShowsTheDemoBanner()
    {
        await using var app = new AppFactory();
        using var client = app.NoRedirectClient();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/login"));

        Assert.Contains("用户名", html);
        Assert.Contains("密码", html);
        Assert.Contains("演示模式", html);
        Assert.Contains(DemoAccounts.Password, html);
    }

    [Fact]
    public async Task GoodPassword_SignsInAndSignOutEndsTheSession()
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync("shuji");

        var home = await client.GetAsync("/");
        var logoutForm = WebUtility.HtmlDecode(await home.Content.ReadAsStringAsync());
        var token = System.Text.RegularExpressions.Regex.Match(logoutForm, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var after = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("社区书记", logoutForm);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task WrongPasswordAndUnknownUser_LookTheSame()
    {
        await using var app = new AppFactory();
        using var client = app.NoRedirectClient();

        var wrong = await AppFactory.PostLoginAsync(client, "shuji", "not-the-password");
        var unknown = await AppFactory.PostLoginAsync(client, "nobody-here", "not-the-password");
        var wrongHtml = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
        var unknownHtml = WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Contains(SignInService.FailureMessage, wrongHtml);
        Assert.Contains(SignInService.FailureMessage, unknownHtml);
        Assert.Equal(Strip(wrongHtml, "shuji"), Strip(unknownHtml, "nobody-here"));
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightPassword()
    {
        await using var app = new AppFactory();
        using var client = app.NoRedirectClient();

        for (var i = 0; i < UserCommands.MaxFailedSignIns; i++)
        {
            await AppFactory.PostLoginAsync(client, "jinjiejie", "wrong-" + i);
        }
        var locked = await AppFactory.PostLoginAsync(client, "jinjiejie", DemoAccounts.Password);
        var other = await AppFactory.PostLoginAsync(app.NoRedirectClient(), "yinhui", DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains(SignInService.FailureMessage, WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task DisabledAccount_LosesItsSessionOnTheNextRequest()
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync("jinjiejie");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await using (var conn = new SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            await conn.ExecuteAsync("UPDATE AppUser SET IsDisabled = 1, SecurityStamp = 'changed' WHERE UserName = 'jinjiejie';");
        }
        var after = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task ReturnUrl_OutsideTheSite_IsIgnored()
    {
        await using var app = new AppFactory();
        using var client = app.NoRedirectClient();
        var form = await client.GetStringAsync("/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/login?returnUrl=https%3A%2F%2Fevil.example%2F", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = "shuji", ["Input.Password"] = DemoAccounts.Password,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(new Uri("http://localhost/"), response.Headers.Location!);
        Assert.Equal("localhost", location.Host);
        Assert.Equal("/", location.AbsolutePath);
    }

    // What the user sees: the page's text without markup, comments or hidden tokens, and without the name they typed.
    private static string Strip(string html, string typedName) =>
        System.Text.RegularExpressions.Regex.Replace(html.Replace($"value=\"{typedName}\"", ""), "<!--[\\s\\S]*?-->|<[^>]+>", "");
}
