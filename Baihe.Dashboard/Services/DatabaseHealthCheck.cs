using Baihe.Data.Database;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Baihe.Dashboard.Services;

/// <summary>/healthz: 200 when the database answers a real read on a fresh connection, 503 when it does not.</summary>
public sealed class DatabaseHealthCheck(HealthQueries health) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problem = await health.ProbeAsync(cancellationToken);
        return problem is null ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(problem);
    }
}
