using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Baihe.Dashboard.Services.Import;

/// <summary>
/// Error workbooks waiting to be downloaded. The preview runs in the page's circuit, but a browser downloads from a link,
/// so the page leaves the file here under an unguessable token for its own user, for a quarter of an hour. In memory and
/// per server: the circuit and its download come through the same sticky server.
/// </summary>
public sealed class ImportDownloads(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Entry> _files = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="content"/> for <paramref name="userName"/> and returns the token of its link.</summary>
    public string Put(string userName, string fileName, byte[] content)
    {
        var now = time.GetUtcNow();
        foreach (var (key, old) in _files)
        {
            if (old.Expires <= now)
            {
                _files.TryRemove(key, out _);
            }
        }
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _files[token] = new Entry(userName, fileName, content, now + Lifetime);
        return token;
    }

    /// <summary>The file under <paramref name="token"/> if it is <paramref name="userName"/>'s and still kept; otherwise null.</summary>
    public (string FileName, byte[] Content)? Get(string token, string userName) =>
        _files.TryGetValue(token, out var e) && e.UserName == userName && e.Expires > time.GetUtcNow() ? (e.FileName, e.Content) : null;

    private sealed record Entry(string UserName, string FileName, byte[] Content, DateTimeOffset Expires);
}
