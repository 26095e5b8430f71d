using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Baihe.Dashboard.Services;

/// <summary>
/// Tells a circuit's pages that its connection came back, so live pages reload what they may have missed while the
/// browser was offline (the change feed only reports changes to connected pages).
/// </summary>
public sealed class ReconnectNotifier : CircuitHandler
{
    private int _ups;

    public event Func<Task>? Reconnected;

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // The first "up" is the initial connection; later ones are reconnections.
        if (Interlocked.Increment(ref _ups) > 1 && Reconnected is { } handlers)
        {
            await handlers();
        }
    }
}
