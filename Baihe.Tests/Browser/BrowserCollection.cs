using System.Net;
using System.Text;
using Baihe.Dashboard.Services.Auth;
using Baihe.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Baihe.Tests.Browser;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>One app and one browser for all stories; they run alone, so a slow neighbour cannot stall a live update.</summary>
    public const string Name = "Browser";
}
