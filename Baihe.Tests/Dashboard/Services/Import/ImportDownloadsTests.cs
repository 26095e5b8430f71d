using Baihe.Dashboard.Services.Import;
using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Dashboard.Services.Import;

public class ImportDownloadsTests
{
    [Fact]
    public void AnErrorWorkbook_IsKeptForItsOwnUser_AndOnlyAQuarterOfAnHour()
    {
        var time = new MovableClock { Now = FixedTimeProvider.Default };
        var downloads = new ImportDownloads(time);

        var token = downloads.Put("shuji", "名册_错误清单.xlsx", [1, 2, 3]);

        Assert.Equal(32, token.Length);
        Assert.Equal("名册_错误清单.xlsx", downloads.Get(token, "shuji")?.FileName);
        Assert.Null(downloads.Get(token, "admin"));
        Assert.Null(downloads.Get("0123456789abcdef0123456789abcdef", "shuji"));
        time.Now += TimeSpan.FromMinutes(16);
        Assert.Null(downloads.Get(token, "shuji"));
    }

    private sealed class MovableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
