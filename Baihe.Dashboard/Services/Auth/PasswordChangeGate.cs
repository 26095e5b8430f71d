using Microsoft.AspNetCore.Http;

namespace Baihe.Dashboard.Services.Auth;

/// <summary>
/// After an administrator's reset the user holds a password someone else has seen: until they choose their own, their
/// cookie opens the change-password page and nothing else. Enforced here, on every request (pages, downloads, the
/// circuit's hub), not by the menu: a typed URL or an old tab is refused all the same.
/// </summary>
public static class PasswordChangeGate
{
    /// <summary>The change-password page.</summary>
    public const string PagePath = "/account/password";

    // Where a user who must change their password may still go: the page itself, signing out, and the error pages.
    private static readonly string[] Open = [PagePath, "/account/logout", "/login", "/denied", "/not-found", "/error"];

    /// <summary>The middleware: place it after authentication.</summary>
    public static Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (!BaiheClaims.MustChange(context.User) || IsOpen(context.Request))
        {
            return next();
        }
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Redirect(PagePath);
        }
        else
        {
            // With a body, so the status-code pages do not re-run the request as a POST to /not-found.
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("请先修改密码。");
        }
        return Task.CompletedTask;
    }

    private static bool IsOpen(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        if (Open.Any(p => string.Equals(path, p, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        // Stylesheets and scripts the page needs; every data URL has no file extension.
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && Path.HasExtension(path) && !path.StartsWith("/photos/", StringComparison.OrdinalIgnoreCase);
    }
}
