using Baihe.Bench;
using Baihe.Bench.Scale;

namespace Baihe.Tests.Bench;

public class QueryBenchmarkSmokeTests
{
    [Fact]
    public async Task TheQueryHarness_GeneratesATinySetAndMeasuresEveryQuery()
    {
        // Only proves the harness works; the figures come from `dotnet run -c Release --project Baihe.Bench -- queries`.
        var file = Path.Combine(Path.GetTempPath(), "baihe-tests", $"{Guid.NewGuid():N}.db");
        var output = new StringWriter();
        try
        {
            var (queries, single) = await QueryBenchmark.RunAsync(file, 2, new ScaleOptions(2, 120, 1500, 60, 60), output, auditRows: 3000);

            Assert.True(queries.Count >= 25, $"only {queries.Count} queries measured");
            Assert.All(queries, q => Assert.True(q.P50Ms > 0 && q.P95Ms >= q.P50Ms, q.Name));
            Assert.True(single.Ratio > 0);
            Assert.Contains("- OverviewQueries.KpisSql", output.ToString());
            Assert.Contains("| PointEntry | 1,500 |", output.ToString());
            Assert.Contains("3,000 audit rows", output.ToString());
            Assert.Contains(queries, q => q.Name.Contains("every refusal", StringComparison.Ordinal) && q.IndexBacked);
            Assert.Contains(queries, q => q.Name.Contains("AuditQueries.Actions", StringComparison.Ordinal) && q.Rows > 5);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
    }
}
