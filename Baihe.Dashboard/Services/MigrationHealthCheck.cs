using Baihe.Data.Database;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Baihe.Dashboard.Services;

/// <summary>
/// /readyz only: every migration script embedded in this build is in the database's journal. A server started
/// from a newer build than the database's schema is alive but not ready for traffic.
/// </summary>
public sealed class MigrationHealthCheck(HealthQueries health) : IHealthCheck
{
    /// <summary>The tag that keeps this check out of /healthz.</summary>
    public const string ReadyTag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await health.PendingMigrationsAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Migrations not applied: " + string.Join(", ", pending));
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
