using Baihe.Dashboard;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data;

// Our own switches are taken out before the host parses the rest as configuration.
var seedDemo = args.Contains("--seed-demo");
var userCommand = args.Length > 0 && args[0] == "user";
var hostArgs = userCommand ? [] : args.Where(a => a != "--seed-demo").ToArray();

var builder = WebApplication.CreateBuilder(hostArgs);
builder.Services.AddBaiheData(
    BaiheDataServices.ReadOptions(builder.Configuration, builder.Environment.ContentRootPath),
    BaiheDataServices.ReadDueHours(builder.Configuration));
builder.Services.AddBaiheDashboard();

var app = builder.Build();
await app.PrepareDatabaseAsync(seedDemo && !userCommand);
if (userCommand)
{
    return await UserCli.RunAsync(args, app.Services, Console.In, Console.Out, Console.Error);
}
app.UseBaiheDashboard();
app.Run();
return 0;

/// <summary>Visible to the in-process host tests.</summary>
public partial class Program;
