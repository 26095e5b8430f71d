using Baihe.Dashboard.Services.Screens;
using Microsoft.Extensions.Configuration;

namespace Baihe.Tests.Dashboard.Pages.Screen;

/// <summary>The seconds per community: the URL's value when it is sensible, else the configured one, else 20.</summary>
public class ScreenRotationTests
{
    private static IConfiguration Config(string? seconds) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ScreenRotation.ConfigKey] = seconds }).Build();

    [Theory]
    [InlineData(null, null, 20)]
    [InlineData(null, "30", 30)]
    [InlineData("12", "30", 12)]
    [InlineData("0", "30", 30)]
    [InlineData("4", null, 20)]
    [InlineData("601", null, 20)]
    [InlineData("-10", null, 20)]
    [InlineData("1e3", null, 20)]
    [InlineData(" 15", null, 20)]
    [InlineData("abc", "nonsense", 20)]
    [InlineData("600", null, 600)]
    [InlineData("5", null, 5)]
    public void Seconds_TakeTheUrlThenTheConfiguration_AndIgnoreAnythingOutOfRange(string? url, string? configured, int expected) =>
        Assert.Equal(expected, ScreenRotation.Seconds(Config(configured), url));
}
