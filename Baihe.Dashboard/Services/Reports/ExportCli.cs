using System.Globalization;
using Baihe.Data.Accounts;
using Baihe.Data.Communities;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>
/// <c>dotnet run --project Baihe.Dashboard -- export --month 2026-10 [--community ID] --out FILE</c> for schedulers and
/// secretaries' scripts. It runs on the server with the database's trust, as the community's secretary would.
/// Exit codes: 0 written, 1 refused (no such community), 2 bad usage or month.
/// </summary>
public static class ExportCli
{
    private const string Usage = "用法：export --month YYYY-MM [--community 社区ID] --out 文件.xlsx";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                await error.WriteLineAsync($"无法识别的参数：{args[i]}\n{Usage}");
                return 2;
            }
            options[args[i][2..]] = args[++i];
        }
        if (!options.TryGetValue("month", out var month) || !options.TryGetValue("out", out var path))
        {
            await error.WriteLineAsync($"缺少 --month 或 --out。\n{Usage}");
            return 2;
        }
        var communities = services.GetRequiredService<CommunityQueries>();
        int? requested = options.TryGetValue("community", out var c) && int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        if (options.ContainsKey("community") && requested is null)
        {
            await error.WriteLineAsync("--community 应为社区编号（整数）。");
            return 2;
        }
        var community = requested is int wanted
            ? (await communities.ListAsync()).FirstOrDefault(x => x.Id == wanted)
            : (await communities.ListAsync()).FirstOrDefault();
        if (community is null)
        {
            await error.WriteLineAsync("找不到这个社区。");
            return 1;
        }
        var actor = new Actor(0, "cli", Roles.Secretary, null, community.Id, null);
        var result = await services.GetRequiredService<ReportExporter>().ExportAsync(actor, month, community.Id, "命令行导出");
        if (result.File is not { } file)
        {
            await error.WriteLineAsync(result.Error);
            return result.Denied ? 1 : 2;
        }
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, file.Content);
        await output.WriteLineAsync($"已导出 {file.FileName}：{file.Rows} 行，写入 {full}（SHA-256 {file.Sha256}）");
        return 0;
    }
}
