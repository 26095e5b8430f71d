using System.Globalization;
using Baihe.Data.Accounts;
using Baihe.Data.Communities;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>
/// <c>dotnet run --project Baihe.Dashboard -- export --month 2026-10 [--community ID|all] --out FILE</c> for schedulers and
/// secretaries' scripts. It runs on the server with the database's trust: for one community as its secretary would
/// (phones in full); with <c>--community all</c> as an official of the first community's sub-district (or of
/// <c>--subdistrict ID</c>), phones masked. A roll-up above the row limit is written as one file per community, named
/// after FILE: <c>FILE_社区名.xlsx</c>. Exit codes: 0 written, 1 refused (no such community or sub-district), 2 bad usage or month.
/// </summary>
public static class ExportCli
{
    private const string Usage = "用法：export --month YYYY-MM [--community 社区ID|all [--subdistrict 街道ID]] --out 文件.xlsx";

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
        var exporter = services.GetRequiredService<ReportExporter>();
        ExportResult result;
        if (options.GetValueOrDefault("community") == "all")
        {
            int? wantedSubDistrict = options.TryGetValue("subdistrict", out var sd) && int.TryParse(sd, NumberStyles.None, CultureInfo.InvariantCulture, out var sdId) ? sdId : null;
            if (options.ContainsKey("subdistrict") && wantedSubDistrict is null)
            {
                await error.WriteLineAsync("--subdistrict 应为街道编号（整数）。");
                return 2;
            }
            var all = await communities.ListAsync();
            var subDistrict = wantedSubDistrict ?? all.FirstOrDefault()?.SubDistrictId;
            if (subDistrict is null || all.All(c => c.SubDistrictId != subDistrict))
            {
                await error.WriteLineAsync("找不到这个街道，或街道下没有社区。");
                return 1;
            }
            var official = new Actor(0, "cli", Roles.Official, subDistrict, null, null);
            result = await exporter.ExportSubDistrictAsync(official, month, subDistrict.Value, "命令行导出");
        }
        else
        {
            int? requested = options.TryGetValue("community", out var c) && int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
            if (options.ContainsKey("community") && requested is null)
            {
                await error.WriteLineAsync("--community 应为社区编号（整数）或 all。");
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
            result = await exporter.ExportAsync(actor, month, community.Id, "命令行导出");
        }
        if (result.File is not { } file)
        {
            await error.WriteLineAsync(result.Error);
            return result.Denied ? 1 : 2;
        }
        if (result.Parts.Count > 0)
        {
            // Split by community: one workbook per community beside FILE, which a script can pick up as FILE_*.xlsx.
            var stem = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path));
            Directory.CreateDirectory(Path.GetDirectoryName(stem)!);
            foreach (var part in result.Parts)
            {
                var community = part.FileName.Split('_')[0];
                var partPath = $"{stem}_{community}.xlsx";
                await File.WriteAllBytesAsync(partPath, part.Content);
                await output.WriteLineAsync($"已导出 {part.FileName}：{part.Rows} 行，写入 {partPath}（SHA-256 {part.Sha256}）");
            }
            await output.WriteLineAsync($"明细超过每个工作簿的行数上限，已按社区分成 {result.Parts.Count} 个文件。");
            return 0;
        }
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, file.Content);
        await output.WriteLineAsync($"已导出 {file.FileName}：{file.Rows} 行，写入 {full}（SHA-256 {file.Sha256}）");
        return 0;
    }
}
