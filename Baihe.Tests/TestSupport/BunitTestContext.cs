using Bunit;
using MudBlazor.Services;

namespace Baihe.Tests.TestSupport;

/// <summary>The one shared bUnit set-up: loose JS interop and MudBlazor's services, as MudBlazor's own tests do.</summary>
public static class BunitTestContext
{
    public static BunitContext Create()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        return ctx;
    }
}
