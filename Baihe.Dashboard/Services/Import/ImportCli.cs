using System.Globalization;
using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Import;

namespace Baihe.Dashboard.Services.Import;

/// <summary>
/// <c>dotnet run --project Baihe.Dashboard -- import --file F --community ID [--dry-run]</c>: imports a roster workbook
/// with the database's trust, as the community's secretary would, after the same checks as /import. It prints what it
/// would write (and, with <c>--dry-run</c>, stops there) or every problem by sheet, row and column. Exit codes as for
/// export: 0 imported (or a clean dry run), 1 refused (no such community), 2 bad usage, an unreadable file or rows with
/// problems (nothing written).
/// </summary>
public static class ImportCli
{
    private const string Usage = "用法：import --file 文件.xlsx --community 社区ID [--dry-run]";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var dryRun = false;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--dry-run")
            {
                dryRun = true;
                continue;
            }
            if (args[i] is not ("--file" or "--community") || i + 1 >= args.Length)
            {
                await error.WriteLineAsync($"无法识别的参数：{args[i]}\n{Usage}");
                return 2;
            }
            options[args[i][2..]] = args[++i];
        }
        if (!options.TryGetValue("file", out var path) || !options.TryGetValue("community", out var communityText))
        {
            await error.WriteLineAsync($"缺少 --file 或 --community。\n{Usage}");
            return 2;
        }
        if (!int.TryParse(communityText, NumberStyles.None, CultureInfo.InvariantCulture, out var communityId))
        {
            await error.WriteLineAsync("--community 应为社区编号（整数）。");
            return 2;
        }
        var community = (await services.GetRequiredService<CommunityQueries>().ListAsync()).FirstOrDefault(c => c.Id == communityId);
        if (community is null)
        {
            await error.WriteLineAsync("找不到这个社区。");
            return 1;
        }
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"找不到文件：{path}");
            return 2;
        }
        if (new FileInfo(path).Length > ImportLayout.MaxFileBytes)
        {
            await error.WriteLineAsync(ImportWorkbookReader.TooLarge);
            return 2;
        }
        var read = ImportWorkbookReader.Read(await File.ReadAllBytesAsync(path), Path.GetFileName(path));
        if (read.File is not { } file)
        {
            await error.WriteLineAsync(read.Error);
            return 2;
        }
        var actor = new Actor(0, "cli", Roles.Secretary, null, community.Id, null);
        var imports = services.GetRequiredService<ImportCommands>();
        var preview = await imports.PreviewAsync(actor, community.Id, file);
        if (!preview.CanCommit)
        {
            foreach (var p in preview.Problems)
            {
                await error.WriteLineAsync($"{p.Sheet} 第 {p.Row} 行 {p.Column}：{p.Message}");
            }
            await error.WriteLineAsync($"共 {preview.Problems.Count} 处错误，未导入任何数据。");
            return 2;
        }
        var c = preview.Counts;
        var summary = $"{community.Name}：新增 {c.NewResidents} 名居民、更新 {c.UpdatedResidents} 名、已存在 {c.UnchangedResidents} 名；新增 {c.NewMemberships} 条队伍成员关系、已在队 {c.UnchangedMemberships} 条";
        if (dryRun)
        {
            await output.WriteLineAsync($"试运行（未写入）：{summary}。");
            return 0;
        }
        var result = await imports.CommitAsync(actor, community.Id, file);
        if (!result.Ok)
        {
            await error.WriteLineAsync(result.Error);
            return 2;
        }
        await output.WriteLineAsync($"已导入 {file.FileName}（SHA-256 {file.Sha256}）：{summary}。");
        return 0;
    }
}
