using Baihe.Dashboard;
using Baihe.Data;

// Our own switches are taken out before the host parses the rest as configuration.
var seedDemo = args.Contains("--seed-demo");
args = args.Where(a => a != "--seed-demo").ToArray();

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddBaiheData(BaiheDataServices.ReadOptions(builder.Configuration, builder.Environment.ContentRootPath));
builder.Services.AddBaiheDashboard();

var app = builder.Build();
await app.PrepareDatabaseAsync(seedDemo);
app.UseBaiheDashboard();
app.Run();

/// <summary>Visible to the in-process host tests.</summary>
public partial class Program;
