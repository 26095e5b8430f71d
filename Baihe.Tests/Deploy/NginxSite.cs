using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Baihe.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Baihe.Tests.Deploy;

/// <summary>
/// deploy/nginx in front of two real app servers on loopback ports, one SQLite file behind them: Debian's nginx under a
/// temporary prefix (its pid, logs and temp files inside it, nothing root-only), with the shipped baihe-maps.conf and
/// baihe-proxy.conf included as they are and only the upstream addresses and the listen port generated.
/// </summary>
internal sealed class NginxSite : IAsyncDisposable
{
    public const string NginxVariable = "BAIHE_NGINX";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "baihe-tests", $"nginx-{Guid.NewGuid():N}");
    private readonly Dictionary<string, AppInstance> _servers = [];
    private Process? _nginx;

    public static string NginxPath => Environment.GetEnvironmentVariable(NginxVariable) is { Length: > 0 } path ? path : "/usr/sbin/nginx";

    public string BaseUrl { get; private set; } = "";

    public string DatabaseFile => Path.Combine(_dir, "baihe.db");

    /// <summary>The instance names, as X-Baihe-Instance gives them.</summary>
    public IReadOnlyCollection<string> Instances => _servers.Keys;

    /// <summary>Starts both servers together on a new database (which they migrate and seed once), then nginx.</summary>
    public async Task StartAsync()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "logs"));
        Directory.CreateDirectory(Path.Combine(_dir, "temp"));
        foreach (var name in new[] { "a", "b" })
        {
            _servers[name] = new AppInstance(DatabaseFile, name);
        }
        await Task.WhenAll(_servers.Values.Select(s => Task.Run(() => s.StartServer())));
        var port = FreePort.Next();
        BaseUrl = $"http://127.0.0.1:{port}";
        var upstreams = string.Join("\n", _servers.Values.Select(s => $"        server {s.Address} max_fails=1 fail_timeout=10s;"));
        var maps = Repo.PathOf("deploy", "nginx", "baihe-maps.conf");
        var proxy = Repo.PathOf("deploy", "nginx", "baihe-proxy.conf");
        var conf = Path.Combine(_dir, "nginx.conf");
        await File.WriteAllTextAsync(conf, $$"""
            worker_processes 1;
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/logs/error.log info;
            events { worker_connections 512; }
            http {
                log_format baihe '$remote_addr "$request" $status $upstream_addr $upstream_status affinity=$baihe_affinity';
                access_log {{_dir}}/logs/access.log baihe;
                client_body_temp_path {{_dir}}/temp/client;
                proxy_temp_path {{_dir}}/temp/proxy;
                fastcgi_temp_path {{_dir}}/temp/fastcgi;
                uwsgi_temp_path {{_dir}}/temp/uwsgi;
                scgi_temp_path {{_dir}}/temp/scgi;
                # Never buffer a response to disk: the temp folder may not be writable by the worker's user.
                proxy_max_temp_file_size 0;
                include {{maps}};
                upstream baihe {
                    hash $baihe_affinity consistent;
            {{upstreams}}
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        include {{proxy}};
                    }
                }
            }
            """);
        _nginx = Process.Start(new ProcessStartInfo(NginxPath)
        {
            ArgumentList = { "-p", _dir, "-c", conf, "-e", Path.Combine(_dir, "logs", "error.log"), "-g", "daemon off;" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (_nginx.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {_nginx.ExitCode}: {await _nginx.StandardError.ReadToEndAsync()} {ErrorLog()}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Stops one server, as a crash or a restart would take it away.</summary>
    public async Task StopAsync(string name)
    {
        await _servers[name].DisposeAsync();
        _servers.Remove(name);
    }

    /// <summary>nginx's error and access logs, for a failure message.</summary>
    public string ErrorLog()
    {
        string Read(string name) => File.Exists(Path.Combine(_dir, "logs", name)) ? File.ReadAllText(Path.Combine(_dir, "logs", name)) : "";
        return Read("error.log") + "\n--- access.log ---\n" + Read("access.log");
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }
        _nginx?.Dispose();
        foreach (var server in _servers.Values)
        {
            await server.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>One app server: the real app behind a real socket, named by Baihe:Instance, trusting nginx on 127.0.0.1.</summary>
    private sealed class AppInstance : AppFactory
    {
        public AppInstance(string file, string name) : base(file, ownsFile: false)
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            Settings["Baihe:Instance"] = name;
            Settings["Proxy:KnownProxies:0"] = "127.0.0.1";
        }

        public string Address => new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Authority
            .ToString(CultureInfo.InvariantCulture);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseStaticWebAssets();
            // A stopped server should let go of its circuits' connections quickly, as a killed process would.
            builder.ConfigureServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3)));
        }
    }
}
