using Microsoft.AspNetCore.Http.Connections.Client;

namespace Baihe.Bench.Circuits;

/// <summary>
/// How the client reaches the app: a base address, an HTTP handler (a socket handler, or a test server's), and
/// optionally a hook that points the hub connection at something other than a socket.
/// </summary>
public sealed record CircuitSite(Uri BaseUri, Func<HttpMessageHandler> Handler, Action<HttpConnectionOptions>? ConfigureHub = null)
{
    /// <summary>A site reached over loopback sockets.</summary>
    public static CircuitSite Socket(Uri baseUri) => new(baseUri, () => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        MaxConnectionsPerServer = 64,
    });
}
