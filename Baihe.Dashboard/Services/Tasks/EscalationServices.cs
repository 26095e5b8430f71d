using Baihe.Data;

namespace Baihe.Dashboard.Services.Tasks;

/// <summary>The escalation scan's part of start-up: its thresholds from configuration and its background service.</summary>
public static class EscalationServices
{
    /// <summary>Registers <c>Tasks:RemindShare</c> / <c>Tasks:EscalationScanSeconds</c> and the scan's background service.</summary>
    public static IServiceCollection AddTaskEscalation(this IServiceCollection services)
    {
        services.AddSingleton(sp => BaiheDataServices.ReadEscalation(sp.GetRequiredService<IConfiguration>()));
        services.AddHostedService<EscalationScheduler>();
        return services;
    }
}
