using Baihe.Data.Wishes;
using Microsoft.AspNetCore.Components.Forms;

namespace Baihe.Dashboard.Services;

/// <summary>
/// Keeps uploaded photos (随手拍, wish fulfilment) as files under the app's data folder and serves them to signed-in
/// users. A photo is checked (size, and its own image signature) before anything is written.
/// </summary>
public sealed class PhotoStore(IWebHostEnvironment environment)
{
    private string Root => Path.Combine(environment.ContentRootPath, "data", "photos");

    /// <summary>Saves a browser upload; returns the stored relative path, or a Chinese error and nothing written.</summary>
    public async Task<(string? Path, string? Error)> SaveAsync(IBrowserFile file, CancellationToken ct = default)
    {
        if (file.Size > PhotoRules.MaxBytes)
        {
            return (null, "照片不能超过 5 MB。");
        }
        using var buffer = new MemoryStream();
        await using (var stream = file.OpenReadStream(PhotoRules.MaxBytes, ct))
        {
            await stream.CopyToAsync(buffer, ct);
        }
        var bytes = buffer.ToArray();
        if (PhotoRules.Check(bytes.AsSpan(0, Math.Min(bytes.Length, 16)), bytes.Length, out var extension) is { } error)
        {
            return (null, error);
        }
        var relative = $"{DateTime.UtcNow:yyyyMM}/{Guid.NewGuid():N}{extension}";
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, bytes, ct);
        return (relative, null);
    }

    /// <summary>Removes a photo saved for a write that was then refused, so nothing is left behind.</summary>
    public void Delete(string relative)
    {
        var full = Resolve(relative);
        if (full is not null)
        {
            File.Delete(full);
        }
    }

    /// <summary>The file of a stored path, or null for anything outside the photo folder.</summary>
    public string? Resolve(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        return full.StartsWith(Path.GetFullPath(Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }
}
