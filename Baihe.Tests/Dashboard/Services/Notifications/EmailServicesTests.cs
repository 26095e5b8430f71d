using System.Net;
using Baihe.Dashboard.Services.Auth;
using Baihe.Dashboard.Services.Notifications;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Notifications;
using Baihe.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using netDumbster.smtp;

namespace Baihe.Tests.Dashboard.Services.Notifications;

/// <summary>The real app's wiring: configuration turns email on, a write queues, and the app's own sender delivers.</summary>
public class EmailServicesTests
{
    [Fact]
    public async Task WithNotificationsSmtpConfigured_AWriteQueuesMail_AndTheAppsOwnSenderDeliversIt()
    {
        var port = FreePort.Next();
        using var smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(port).Build();
        await using var app = new AppFactory();
        app.Settings["Notifications:Smtp:Host"] = "127.0.0.1";
        app.Settings["Notifications:Smtp:Port"] = port.ToString();
        app.Settings["Notifications:Smtp:Security"] = "None";
        app.Settings["Notifications:Smtp:From"] = "百合园社区 <noreply@baihe.example.cn>";
        app.Settings["Notifications:Smtp:PollSeconds"] = "1";
        app.Settings["Notifications:BaseUrl"] = "https://baihe.example.cn";
        var services = app.Services;
        var users = services.GetRequiredService<UserQueries>();
        var admin = BaiheClaims.ToActor(BaiheClaims.Principal((await users.FindByUserNameAsync("admin"))!, "test"))!;
        var lead = (await users.FindByUserNameAsync("jinjiejie"))!;
        Assert.True((await services.GetRequiredService<UserCommands>().SetEmailAsync(admin, lead.Id, "lead@example.cn", true)).Ok);

        var outbox = services.GetRequiredService<EmailOutbox>();
        await WriteTransaction.RunAsync(services.GetRequiredService<DbConnectionFactory>(), services.GetRequiredService<BaiheClock>(), admin, null, async w =>
        {
            Assert.True(await outbox.EnqueueAsync(w, lead.Id, "任务已指派", "请查看。", "/tasks/1"));
            return CommandResult.Success();
        });

        // And through a real command as the container builds it: assigning a task to the lead's team mails the lead.
        var tasks = services.GetRequiredService<Baihe.Data.Tasks.TaskCommands>();
        var shuji = BaiheClaims.ToActor(BaiheClaims.Principal((await users.FindByUserNameAsync("shuji"))!, "test"))!;
        var id = (await tasks.IntakeAsync(shuji, new Baihe.Data.Tasks.IntakeRequest { GridId = 1, Title = "路灯不亮", Description = "东门路灯不亮。", Category = "设施维护", Source = "Hotline" })).Id!.Value;
        var workflow = services.GetRequiredService<Baihe.Data.Tasks.TaskWorkflowQueries>();
        Assert.True((await tasks.TriageAsync(shuji, id, "High", "设施维护", (await workflow.DetailAsync(id))!.Value.Task.RowVersion)).Ok);
        Assert.True((await tasks.AssignAsync(shuji, id, lead.TeamId!.Value, [], null, (await workflow.DetailAsync(id))!.Value.Task.RowVersion)).Ok);

        for (var i = 0; i < 200 && smtp.ReceivedEmailCount < 2; i++)
        {
            await Task.Delay(50);
        }
        Assert.Equal(2, smtp.ReceivedEmailCount);
        Assert.Contains(smtp.ReceivedEmail, m => m.Subject.Contains("路灯不亮", StringComparison.Ordinal));
        Assert.Contains(services.GetServices<IHostedService>(), s => s is EmailSender);
    }

    [Fact]
    public async Task WithoutNotificationsSmtp_EmailIsOff()
    {
        await using var app = new AppFactory();

        Assert.False(app.Services.GetRequiredService<EmailOutbox>().Enabled);
        Assert.False(app.Services.GetRequiredService<EmailOptions>().Enabled);
    }
}
