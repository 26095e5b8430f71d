using Baihe.Data.Dashboard;

namespace Baihe.Tests.Data.Dashboard;

public class DrillBucketTests
{
    [Theory]
    [InlineData("all")]
    [InlineData("month=2026-03")]
    [InlineData("community=4;area=2")]
    [InlineData("team=7")]
    [InlineData("stage=Assigned")]
    [InlineData("status=Claimed")]
    public void AWellFormedBucket_ReadsBackToItsText(string text) => Assert.Equal(text, DrillBucket.Parse(text)!.ToString());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("month=2026-13")]
    [InlineData("community=abc")]
    [InlineData("community=0")]
    [InlineData("stage=Done")]
    [InlineData("colour=red")]
    [InlineData("team=1;team=2")]
    [InlineData("team")]
    public void AMalformedBucket_IsNull(string? text) => Assert.Null(DrillBucket.Parse(text));
}
