using Baihe.Data.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Baihe.Dashboard.Services.Notifications;

/// <summary>Email's part of start-up: the configured options and the sender that runs in every server.</summary>
public static class EmailServices
{
    /// <summary>
    /// Replaces Baihe.Data's disabled <see cref="EmailOptions"/> with <c>Notifications:Smtp</c> and <c>Notifications:BaseUrl</c>,
    /// and runs <see cref="EmailSender"/> (which does nothing while email is not configured).
    /// </summary>
    public static IServiceCollection AddEmailNotifications(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton(sp => EmailOptions.Read(sp.GetRequiredService<IConfiguration>())));
        services.AddSingleton<EmailSender>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailSender>());
        return services;
    }
}
