using System.Diagnostics;
using Baihe.Dashboard.Services.Reports;
using Baihe.Data;
using Baihe.Data.Database;
using Baihe.Data.Reports;
using Dapper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Bench;

/// <summary>
/// The monthly export of a ledger month of <c>rows</c> entries, against a raw OpenXmlWriter and MiniExcel each writing
/// the same rows as one sheet, in the same run (the goals: at most 2× the raw time, at most 1× MiniExcel's, at most 300 MB).
/// </summary>
public static class ExportBenchmark
{
    public static async Task<ExportFigures> RunAsync(int rows, TextWriter output, bool keepDatabase = false, bool verbose = false, int pairs = 1, int warmup = 0)
    {
        var file = Path.Combine(Path.GetTempPath(), "baihe-bench", $"{Guid.NewGuid():N}.db");
        var services = new ServiceCollection()
            .AddBaiheData(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file}"))
            .AddSingleton<ExportGate>().AddSingleton(new ReportOptions()).AddSingleton<ReportExporter>()
            .BuildServiceProvider();
        var factory = services.GetRequiredService<DbConnectionFactory>();
        DatabaseMigrator.Migrate(factory);
        await services.GetRequiredService<DemoSeeder>().SeedAsync();
        var clock = services.GetRequiredService<BaiheClock>();
        var month = new Period(new DateTime(clock.Today.Year, clock.Today.Month, 1).AddMonths(-1), new DateTime(clock.Today.Year, clock.Today.Month, 1));

        var sw = Stopwatch.StartNew();
        await using (var conn = await factory.OpenAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            // The exported community's own people: the demo has four more communities, and entries of theirs would not be
            // in this community's report (until 2026-12-03 they took half the rows, so the month measured was 48k, not 100k).
            var members = (await conn.QueryAsync<int>("SELECT m.Id FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = 1;", transaction: tx)).ToArray();
            var random = new Random(8);
            var days = (month.To - month.From).Days;
            await conn.ExecuteAsync("""
                INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RuleId, RecordedAt, Note)
                VALUES (@MemberId, @CategoryId, 1, @OccurredOn, 'Service', 1, @OccurredOn, @Note);
                """,
                Enumerable.Range(0, rows).Select(i => new
                {
                    MemberId = members[random.Next(members.Length)], CategoryId = 1 + random.Next(5),
                    OccurredOn = month.From.AddDays(random.Next(days)), Note = i % 7 == 0 ? "=HYPERLINK(\"x\")" : $"服务记录 {i}",
                }), tx);
            // Written in bulk, not through PointLedger, so the summaries are recounted as the seeders do.
            await Baihe.Data.Summaries.PointSummaryRebuild.RunAsync(conn, tx);
            await tx.CommitAsync();
        }
        output.WriteLine($"Seeded {rows:N0} ledger rows for {month.From:yyyy-MM} in {sw.Elapsed.TotalSeconds:F1} s");

        var report = services.GetRequiredService<ReportExporter>();
        var ledger = await services.GetRequiredService<ReportQueries>().LedgerAsync(1, month);
        sw.Restart();
        ledger = await services.GetRequiredService<ReportQueries>().LedgerAsync(1, month);
        output.WriteLine($"Reading the month's {ledger.Count:N0} ledger rows alone (part of ours, not of raw): {sw.Elapsed.TotalSeconds:F2} s");
        sw.Restart();
        await services.GetRequiredService<Baihe.Data.Points.PointsQueries>().LeaderboardAsync(1, month, null);
        await services.GetRequiredService<Baihe.Data.Points.PointsQueries>().LeaderboardAsync(1, Period.HalfYear(month.From.Year, Period.HalfOf(month.From)), null);
        await services.GetRequiredService<Baihe.Data.Overview.OverviewQueries>().LoadAsync(1, month);
        output.WriteLine($"The rankings and 概览 figures alone: {sw.Elapsed.TotalSeconds:F2} s");
        // Ours runs first, so its peak working set is measured before the raw writer has grown the heap (a later build
        // reuses memory the raw writer's 690 MB of allocations left committed, and would show almost nothing).
        var ours = Measure("Baihe monthly report (all 8 sheets)", async () =>
            (await report.BuildAsync(new ExportScope(1, null, true), month, "bench")).Content.LongLength);
        var firstPeak = (ours.PeakBytes, ours.PeakManagedBytes);
        // MiniExcel's first run, for its memory, also before the raw writer has grown the heap.
        var mini = Measure("MiniExcel 1.46.0 (积分明细 only)", () => Task.FromResult(MiniExcelLedger.Write(ledger)));
        var miniPeak = (mini.PeakBytes, mini.PeakManagedBytes);
        var raw = Measure("Raw OpenXmlWriter (积分明细 only)", () => Task.FromResult(RawWorkbook(ledger)));
        // The first builds run partly in the JIT's first, unoptimized code, and a server exports many times: ours and
        // MiniExcel are built --warmup more times, unreported, until both run the code a long-running server would.
        if (warmup > 0)
        {
            var cold = ours.Time;
            var warming = Stopwatch.StartNew();
            for (var i = 0; i < warmup; i++)
            {
                await report.BuildAsync(new ExportScope(1, null, true), month, "bench");
                MiniExcelLedger.Write(ledger);
            }
            output.WriteLine($"Warm-up: {warmup} more builds of ours and of MiniExcel, unreported ({warming.Elapsed.TotalSeconds:F1} s; ours took {cold.TotalSeconds:F2} s on its first build, in the JIT's first code)");
        }
        // The first pair warms the JIT and the database's caches and is not reported. Then each pair is measured back to
        // back, so both sides of a ratio see the same load on this shared machine; the pair with the median ratio is reported.
        // MiniExcel is measured in the same round, between the two, so its ratio also compares figures of the same moment.
        var measured = new List<(Measurement Ours, Measurement Raw, Measurement Mini)>();
        for (var i = 0; i < Math.Max(pairs, 1); i++)
        {
            raw = Measure(raw.Name, () => Task.FromResult(RawWorkbook(ledger)));
            mini = Measure(mini.Name, () => Task.FromResult(MiniExcelLedger.Write(ledger)));
            ours = Measure(ours.Name, async () => (await report.BuildAsync(new ExportScope(1, null, true), month, "bench")).Content.LongLength);
            measured.Add((ours, raw, mini));
            if (pairs > 1)
            {
                output.WriteLine($"Round {i + 1}: raw {raw.Time.TotalSeconds:F2} s, MiniExcel {mini.Time.TotalSeconds:F2} s, ours {ours.Time.TotalSeconds:F2} s, " +
                    $"ours/raw {ours.Time.TotalSeconds / raw.Time.TotalSeconds:F2}×, ours/MiniExcel {ours.Time.TotalSeconds / mini.Time.TotalSeconds:F2}×");
            }
        }
        (ours, raw, mini) = measured.OrderBy(m => m.Ours.Time / m.Raw.Time).ElementAt(measured.Count / 2);
        var miniRatio = measured.Select(m => m.Ours.Time / m.Mini.Time).Order().ElementAt(measured.Count / 2);
        ours = ours with { PeakBytes = firstPeak.PeakBytes, PeakManagedBytes = firstPeak.PeakManagedBytes };
        mini = mini with { PeakBytes = miniPeak.PeakBytes, PeakManagedBytes = miniPeak.PeakManagedBytes };

        if (verbose)
        {
            // Where our time goes, section by section (a third build, not the measured one).
            var sections = Stopwatch.StartNew();
            output.WriteLine();
            output.WriteLine("Sections of one more build (--verbose):");
            var whole = Stopwatch.StartNew();
            await report.BuildAsync(new ExportScope(1, null, true), month, "bench", mark: name =>
            {
                output.WriteLine($"  {sections.Elapsed.TotalSeconds,6:F2} s  {name}");
                sections.Restart();
            });
            output.WriteLine($"  {sections.Elapsed.TotalSeconds,6:F2} s  the file's bytes and SHA-256");
            output.WriteLine($"  {whole.Elapsed.TotalSeconds,6:F2} s  in all");
            sw.Restart();
            var streamed = 0;
            await foreach (var _ in services.GetRequiredService<ReportQueries>().LedgerStreamAsync(1, month))
            {
                streamed++;
            }
            output.WriteLine($"  (reading the {streamed:N0} ledger rows alone from the data reader: {sw.Elapsed.TotalSeconds:F2} s)");
        }

        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (keepDatabase)
        {
            output.WriteLine($"Database kept at {file}");
        }
        else
        {
            File.Delete(file);
        }
        return new ExportFigures(ours, raw, mini, miniRatio, ledger.Count);
    }

    private static Measurement Measure(string name, Func<Task<long>> action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = Environment.WorkingSet;
        var peak = baseline;
        var managedBaseline = GC.GetTotalMemory(false);
        var managedPeak = managedBaseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(false));
                await Task.Delay(5);
            }
        });
        var allocated = GC.GetTotalAllocatedBytes(true);
        var sw = Stopwatch.StartNew();
        var bytes = action().GetAwaiter().GetResult();
        sw.Stop();
        allocated = GC.GetTotalAllocatedBytes(true) - allocated;
        sampling.Cancel();
        sampler.Wait();
        peak = Math.Max(peak, Environment.WorkingSet);
        return new Measurement(name, sw.Elapsed, peak - baseline, bytes, allocated, managedPeak - managedBaseline);
    }

    /// <summary>The floor: the same ledger rows, 8 columns, written with nothing but OpenXmlWriter.</summary>
    private static long RawWorkbook(IReadOnlyList<LedgerLine> ledger)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                foreach (var l in ledger)
                {
                    writer.WriteStartElement(new Row());
                    writer.WriteElement(new Cell { CellValue = new CellValue(l.OccurredOn.ToOADate()) });
                    foreach (var text in new[] { l.Name, l.Grid, l.Area })
                    {
                        writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });
                    }
                    writer.WriteElement(new Cell { CellValue = new CellValue(l.Points) });
                    foreach (var text in new[] { l.Source, l.Note ?? "", l.RecordedBy ?? "" })
                    {
                        writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });
                    }
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = "积分明细" }));
        }
        return stream.Length;
    }
}
