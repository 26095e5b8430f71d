using System.Globalization;
using Baihe.Data.Accounts;
using Baihe.Data.Audit;

namespace Baihe.Dashboard.Services.Audit;

/// <summary>
/// <c>dotnet run --project Baihe.Dashboard -- audit-archive --before YYYY-MM-DD --out FILE</c>: moves every audit row
/// older than the date into an xlsx and deletes it from the log, in one transaction that records itself
/// (<see cref="AuditCommands.ArchiveAsync"/>). The file is written and flushed before the delete; if anything fails,
/// nothing is deleted and a partly written file is removed. Phones stay whole in the archive: it is the record itself,
/// kept by whoever may run this command on the server. Exit codes: 0 archived, 1 nothing to archive or refused, 2 bad usage.
/// </summary>
public static class AuditArchiveCli
{
    private const string Usage = "用法：audit-archive --before 年-月-日 --out 文件.xlsx";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] is not ("--before" or "--out") || i + 1 >= args.Length)
            {
                await error.WriteLineAsync($"无法识别的参数：{args[i]}\n{Usage}");
                return 2;
            }
            options[args[i][2..]] = args[++i];
        }
        if (!options.TryGetValue("before", out var beforeText) || !options.TryGetValue("out", out var path))
        {
            await error.WriteLineAsync($"缺少 --before 或 --out。\n{Usage}");
            return 2;
        }
        if (!DateOnly.TryParseExact(beforeText, AuditFilterParser.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var before))
        {
            await error.WriteLineAsync("--before 应为 年-月-日，例如 2025-01-01。");
            return 2;
        }
        if (File.Exists(path))
        {
            await error.WriteLineAsync($"文件已存在，不会覆盖：{path}");
            return 2;
        }
        var actor = new Actor(0, "cli", Roles.Admin, null, null, null);
        var written = false;
        try
        {
            var result = await services.GetRequiredService<AuditCommands>().ArchiveAsync(actor, before.ToDateTime(TimeOnly.MinValue), async (rows, ct) =>
            {
                var bytes = AuditWorkbook.Build(rows, fullPhones: true);
                await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                {
                    written = true;
                    await file.WriteAsync(bytes, ct);
                    file.Flush(flushToDisk: true);
                }
                return AuditWorkbook.Sha256(bytes);
            });
            if (!result.Ok)
            {
                Remove(path, written);
                await error.WriteLineAsync(result.Error);
                return 1;
            }
            await output.WriteLineAsync($"已将 {result.Id} 条早于 {beforeText} 的操作日志写入 {path} 并从日志中移除。");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or AccessDeniedException)
        {
            Remove(path, written);
            await error.WriteLineAsync($"归档失败，日志未做任何删除：{e.Message}");
            return 1;
        }
    }

    // Only a file this run created is removed; a commit that failed after the file was written leaves the rows in place.
    private static void Remove(string path, bool written)
    {
        if (written && File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
