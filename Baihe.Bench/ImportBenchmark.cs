using System.Diagnostics;
using Baihe.Dashboard.Services.Import;
using Baihe.Data;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Import;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Baihe.Bench;

/// <summary>
/// <c>import --rows 20000 [--bad K] [--out FILE]</c>: a roster workbook of that many residents, each also on a team (so
/// twice as many rows), read, previewed and committed into a fresh demo database, with time and peak working set of
/// each step; the same file read with ClosedXML instead of MiniExcel for comparison. <c>--bad K</c> breaks K phones
/// (the preview then lists K problems and nothing is committed); <c>--out</c> keeps the workbook.
/// </summary>
public static class ImportBenchmark
{
    public static async Task RunAsync(int rows, int bad, string? keep, TextWriter output)
    {
        var file = Path.Combine(Path.GetTempPath(), "baihe-bench", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var services = new ServiceCollection()
            .AddBaiheData(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file}"))
            .BuildServiceProvider();
        var factory = services.GetRequiredService<DbConnectionFactory>();
        DatabaseMigrator.Migrate(factory);
        await services.GetRequiredService<DemoSeeder>().SeedAsync();
        var imports = services.GetRequiredService<ImportCommands>();
        var secretary = new Actor(0, "bench", Roles.Secretary, null, 1, null);

        var sw = Stopwatch.StartNew();
        var workbook = Workbook(rows, bad);
        output.WriteLine($"Baihe import benchmark — {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, .NET {Environment.Version}");
        output.WriteLine($"Workbook: {rows:N0} residents + {rows:N0} memberships, {workbook.Length / 1024:N0} KB, built in {sw.Elapsed.TotalSeconds:F1} s");
        if (keep is not null)
        {
            await File.WriteAllBytesAsync(keep, workbook);
            output.WriteLine($"Kept as {keep}");
        }

        ImportFile? read = null;
        ImportPreview? preview = null;
        var previewRun = Measurement(() =>
        {
            read = ImportWorkbookReader.Read(workbook, "bench.xlsx").File ?? throw new InvalidOperationException("unreadable");
            preview = imports.PreviewAsync(secretary, 1, read).GetAwaiter().GetResult();
            return preview.Problems.Count;
        });
        output.WriteLine($"Preview: {preview!.Counts} problems {preview.Problems.Count}");
        var commitRun = Measurement(() =>
        {
            var result = imports.CommitAsync(secretary, 1, read!).GetAwaiter().GetResult();
            return result.Ok ? 1 : 0;
        });
        var closedXml = Measurement(() => ClosedXmlRead(workbook));

        output.WriteLine();
        output.WriteLine("| Step | Time (s) | Peak working set above start (MB) | Allocated (MB) |");
        output.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, m) in new[] { ("read (MiniExcel) + preview", previewRun), ("commit", commitRun), ("read only, ClosedXML (comparison)", closedXml) })
        {
            output.WriteLine($"| {name} | {m.Time.TotalSeconds:F2} | {m.PeakBytes / 1048576.0:F0} | {m.AllocatedBytes / 1048576.0:F0} |");
        }
        var total = previewRun.Time + commitRun.Time;
        var peak = Math.Max(previewRun.OutputBytes, commitRun.OutputBytes);
        output.WriteLine();
        output.WriteLine($"Preview + commit: {total.TotalSeconds:F2} s — goal ≤ 10 s: {(total.TotalSeconds <= 10 ? "met" : "MISSED")}");
        output.WriteLine($"Process peak working set during preview and commit: {peak / 1048576.0:F0} MB — goal ≤ 300 MB: {(peak <= 300L * 1048576 ? "met" : "MISSED")}");
        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }

    /// <summary>The residents sheet and the memberships sheet, written with MiniExcel (fast, and not the reader under test).</summary>
    private static byte[] Workbook(int rows, int bad)
    {
        string[] grids = ["第一网格", "第二网格", "第三网格", "第四网格", "第五网格"];
        string[] teams = ["金姐姐", "银辉先锋", "新火先锋队", "气排球队", "潮乐队", "书法队"];
        var every = bad > 0 ? Math.Max(rows / bad, 1) : int.MaxValue;
        string Phone(int i) => i % every == every - 1 && i / every < bad ? $"150{i:D4}" : $"150{i:D8}";
        var residents = Enumerable.Range(0, rows).Select(i => new Dictionary<string, object?>
        {
            [ImportLayout.Name] = $"导入居民{i}", [ImportLayout.Phone] = Phone(i), [ImportLayout.Grid] = grids[i % grids.Length],
            [ImportLayout.PartyMember] = i % 5 == 0 ? "是" : "否", [ImportLayout.NeighbourLead] = "否", [ImportLayout.Skill] = i % 3 == 0 ? "水电维修" : null,
        });
        var memberships = Enumerable.Range(0, rows).Select(i => new Dictionary<string, object?>
        {
            [ImportLayout.Name] = $"导入居民{i}", [ImportLayout.Phone] = Phone(i), [ImportLayout.Team] = teams[i % teams.Length],
            [ImportLayout.Role] = "队员", [ImportLayout.JoinedOn] = new DateTime(2025, 1, 1).AddDays(i % 300),
        });
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [ImportLayout.ResidentSheet] = residents, [ImportLayout.MembershipSheet] = memberships });
        return stream.ToArray();
    }

    private static int ClosedXmlRead(byte[] workbook)
    {
        using var wb = new XLWorkbook(new MemoryStream(workbook));
        var cells = 0;
        foreach (var ws in wb.Worksheets)
        {
            foreach (var row in ws.RowsUsed())
            {
                foreach (var cell in row.CellsUsed())
                {
                    _ = cell.HasFormula ? cell.CachedValue : cell.Value;
                    cells++;
                }
            }
        }
        return cells;
    }

    /// <summary>Time, peak working set above the level before (PeakBytes), the absolute peak (OutputBytes) and allocations.</summary>
    private static Measurement Measurement(Func<int> action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = Environment.WorkingSet;
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                await Task.Delay(5);
            }
        });
        var allocated = GC.GetTotalAllocatedBytes(true);
        var sw = Stopwatch.StartNew();
        action();
        sw.Stop();
        allocated = GC.GetTotalAllocatedBytes(true) - allocated;
        sampling.Cancel();
        sampler.Wait();
        peak = Math.Max(peak, Environment.WorkingSet);
        return new Measurement("import", sw.Elapsed, peak - baseline, peak, allocated);
    }
}
