using System.Net;
using System.Text.RegularExpressions;
using Baihe.Dashboard.Services.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Data.Sqlite;

namespace Baihe.Tests.TestSupport;

/// <summary>A second app over an existing database file, as a second server or a restart would be.</summary>
public sealed class AppOverFile(string file) : AppFactory(file, ownsFile: false);
