using Baihe.Dashboard;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data;

// Our own switches are taken out before the host parses the rest as configuration.
var seedDemo = args.Contains("--seed-demo");
var cliCommand = args.Length > 0 && args[0] is "user" or "export" or "import" or "backup" or "audit-archive";
var hostArgs = cliCommand ? [] : args.Where(a => a != "--seed-demo").ToArray();

var builder = WebApplication.CreateBuilder(hostArgs);
// The static files of the packages (MudBlazor, blazor.web.js) when running from the build output in any environment,
// not only Development; a published app has no such manifest and this does nothing.
builder.WebHost.UseStaticWebAssets();
builder.Services.AddBaiheData(
    BaiheDataServices.ReadOptions(builder.Configuration, builder.Environment.ContentRootPath),
    BaiheDataServices.ReadDueHours(builder.Configuration));
builder.Services.AddBaiheDashboard();

var app = builder.Build();
if (args is ["backup", ..])
{
    // Before PrepareDatabaseAsync: a backup copies the database as the running servers left it, never migrating it.
    return await Baihe.Dashboard.Services.Backup.BackupCli.RunAsync(args, app.Services, Console.Out, Console.Error);
}
await app.PrepareDatabaseAsync(seedDemo && !cliCommand);
if (cliCommand)
{
    return args[0] switch
    {
        "export" => await Baihe.Dashboard.Services.Reports.ExportCli.RunAsync(args, app.Services, Console.Out, Console.Error),
        "import" => await Baihe.Dashboard.Services.Import.ImportCli.RunAsync(args, app.Services, Console.Out, Console.Error),
        "audit-archive" => await Baihe.Dashboard.Services.Audit.AuditArchiveCli.RunAsync(args, app.Services, Console.Out, Console.Error),
        _ => await UserCli.RunAsync(args, app.Services, Console.In, Console.Out, Console.Error),
    };
}
app.UseBaiheDashboard();
app.Run();
return 0;

/// <summary>Visible to the in-process host tests.</summary>
public partial class Program;
