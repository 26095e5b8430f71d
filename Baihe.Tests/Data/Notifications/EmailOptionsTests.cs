using Baihe.Data.Notifications;
using Microsoft.Extensions.Configuration;

namespace Baihe.Tests.Data.Notifications;

public class EmailOptionsTests
{
    [Fact]
    public void Read_TakesTheSmtpSectionAndBaseUrl_AndKeepsThePasswordOutOfItsText()
    {
        var options = EmailOptions.Read(Config(new()
        {
            ["Notifications:Smtp:Host"] = "smtp.example.cn",
            ["Notifications:Smtp:From"] = "百合园社区 <noreply@example.cn>",
            ["Notifications:Smtp:UserName"] = "noreply@example.cn",
            ["Notifications:Smtp:Password"] = "secret-password",
            ["Notifications:Smtp:Security"] = "sslonconnect",
            ["Notifications:BaseUrl"] = "https://baihe.example.cn/",
        }));

        Assert.True(options.Enabled);
        Assert.Equal(SmtpSecurity.SslOnConnect, options.Security);
        Assert.Equal(465, options.Port);
        Assert.Equal("https://baihe.example.cn", options.BaseUrl);
        Assert.Equal("secret-password", options.Password);
        Assert.DoesNotContain("secret-password", options.ToString());
    }

    [Fact]
    public void Read_WithoutHostOrFrom_IsDisabled()
    {
        Assert.False(EmailOptions.Read(Config(new())).Enabled);
        Assert.False(EmailOptions.Read(Config(new() { ["Notifications:Smtp:Host"] = "smtp.example.cn" })).Enabled);
        Assert.False(EmailOptions.Disabled.Enabled);
    }

    [Theory]
    [InlineData("Notifications:Smtp:Port", "twenty-five")]
    [InlineData("Notifications:Smtp:Security", "Tls13")]
    [InlineData("Notifications:Smtp:PollSeconds", "0")]
    public void Read_RefusesABadValue_NamingItsKey(string key, string value)
    {
        var e = Assert.Throws<InvalidOperationException>(() => EmailOptions.Read(Config(new() { ["Notifications:Smtp:Host"] = "h", [key] = value })));

        Assert.Contains(key, e.Message);
    }

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
