using Microsoft.Playwright;

namespace Baihe.Tests.Browser;

/// <summary>
/// A forgotten password, end to end in a real browser: the admin resets it and reads the temporary password once; the
/// lead signs in with it, finds every page leads to 修改密码, chooses their own, and is in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PasswordResetStoryTests(BrowserFixture app)
{
    [SkippableFact]
    public Task AnAdminResetsALeadsPassword_AndTheLeadMustChangeItBeforeAnythingElse() => app.RunAsync("password-reset", async () =>
    {
        var admin = await app.SignInAsync("admin");
        await app.OpenAsync(admin, "admin/users");
        var row = admin.Locator("tr", new() { Has = admin.Locator("td", new() { HasText = "baihe" }) }).First;
        await row.Locator(".reset-password").ClickAsync();
        var dialog = admin.Locator(".mud-dialog");
        await dialog.GetByText("生成临时密码").WaitForAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "重置密码" }).ClickAsync();
        var temporary = (await admin.Locator(".temporary-password code").InnerTextAsync()).Trim();
        Assert.Equal(12, temporary.Length);

        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        context.SetDefaultTimeout(15_000);
        var lead = await context.NewPageAsync();
        await lead.GotoAsync(app.BaseUrl + "/login");
        await lead.FillAsync("#username", "baihe");
        await lead.FillAsync("#password", temporary);
        await lead.ClickAsync("button[type=submit]");
        await lead.WaitForURLAsync(url => url.EndsWith("/account/password", StringComparison.Ordinal));
        await lead.GotoAsync(app.BaseUrl + "/teams");
        Assert.EndsWith("/account/password", lead.Url, StringComparison.Ordinal);

        await lead.FillAsync("#old-password", temporary);
        await lead.FillAsync("#new-password", "baihe-own-password");
        await lead.FillAsync("#repeat-password", "baihe-own-passw0rd");
        await lead.ClickAsync("button[type=submit]");
        await lead.GetByText("两次输入的新密码不一致。").WaitForAsync();

        await lead.FillAsync("#old-password", temporary);
        await lead.FillAsync("#new-password", "baihe-own-password");
        await lead.FillAsync("#repeat-password", "baihe-own-password");
        await lead.ClickAsync("button[type=submit]");
        await lead.WaitForURLAsync(url => !url.Contains("/account/password", StringComparison.Ordinal));
        await app.OpenAsync(lead, "teams");
        Assert.EndsWith("/teams", lead.Url, StringComparison.Ordinal);
    });
}
