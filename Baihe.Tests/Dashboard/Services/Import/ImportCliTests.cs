using System.Net;
using Baihe.Dashboard.Services.Import;
using Baihe.Data;
using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Services.Import;

public class ImportCliTests
{
    private static ServiceProvider Services(TestDatabase db) =>
        new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(FixedTimeProvider.Default))
            .AddBaiheData(new DatabaseOptions(DatabaseProvider.Sqlite, db.Factory.ConnectionString))
            .BuildServiceProvider();

    [Theory]
    [InlineData("good", new[] { "import", "--file", "{file}", "--community", "1" }, 0, 1)]
    [InlineData("good", new[] { "import", "--file", "{file}", "--community", "1", "--dry-run" }, 0, 0)]
    [InlineData("good", new[] { "import", "--file", "{file}", "--community", "99" }, 1, 0)]
    [InlineData("good", new[] { "import", "--file", "{file}", "--community", "x" }, 2, 0)]
    [InlineData("good", new[] { "import", "--community", "1" }, 2, 0)]
    [InlineData("good", new[] { "import", "--file", "{file}", "--community", "1", "--month", "2026-10" }, 2, 0)]
    [InlineData("bad-row", new[] { "import", "--file", "{file}", "--community", "1" }, 2, 0)]
    [InlineData("not-xlsx", new[] { "import", "--file", "{file}", "--community", "1" }, 2, 0)]
    public async Task ImportCli_ExitsLikeExport_AndWritesOnlyWhenItSaysSo(string kind, string[] args, int code, int written)
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var services = Services(db);
        var file = Path.Combine(Path.GetTempPath(), "baihe-tests", $"{Guid.NewGuid():N}.xlsx");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, kind switch
        {
            "good" => ImportWorkbooks.Build([["命令行导入", "13900000031", "第一网格", "是", "否", null]]),
            "bad-row" => ImportWorkbooks.Build([["命令行导入", "13900000031", "第一网格", null, null, null], ["坏行", "139", "第一网格", null, null, null]]),
            _ => "not a workbook"u8.ToArray(),
        });
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await ImportCli.RunAsync(args.Select(a => a.Replace("{file}", file)).ToArray(), services, output, error);

        Assert.Equal(code, exit);
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(written, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Member WHERE Name = '命令行导入';"));
        Assert.Equal(written, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Import.Commit';"));
        Assert.True(code == 0 ? output.ToString().Contains("新增 1 名居民") : error.ToString().Length > 0);
        if (kind == "bad-row")
        {
            Assert.Contains("居民 第 3 行 手机号", error.ToString());
        }
    }

    [Fact]
    public async Task TheTemplateDownload_IsTheCommunitysWorkbook_ForTheSecretary_AndRefusedToALead()
    {
        await using var app = new AppFactory();
        using var secretary = await app.SignedInClientAsync("shuji");
        using var lead = await app.SignedInClientAsync("jinjiejie");

        var ok = await secretary.GetAsync("/import/template?community=1");
        var foreign = await secretary.GetAsync("/import/template?community=2");
        var refused = await lead.GetAsync("/import/template?community=1");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.EndsWith("名册导入模板.xlsx", ok.Content.Headers.ContentDisposition!.FileNameStar);
        var read = ImportWorkbookReader.Read(await ok.Content.ReadAsByteArrayAsync(), "模板.xlsx");
        Assert.Null(read.Error);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}
