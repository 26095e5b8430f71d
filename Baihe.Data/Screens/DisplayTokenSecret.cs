using System.Security.Cryptography;
using System.Text;

namespace Baihe.Data.Screens;

/// <summary>
/// Display tokens: 32 random bytes written as base64url (43 characters, safe in a URL), stored only as the lower-case
/// hex SHA-256 of that text. A lookup by hash needs no constant-time comparison: the database is asked for the hash,
/// and a guess reveals nothing about any other token's hash.
/// </summary>
public static class DisplayTokenSecret
{
    /// <summary>The length of a token's text.</summary>
    public const int Length = 43;

    /// <summary>A new random token.</summary>
    public static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether <paramref name="token"/> looks like a token this class made (so anything else is not looked up).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The stored form of a token: the hex SHA-256 of its text, 64 lower-case characters.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
