using System.Net.Mail;

namespace Baihe.Data.Accounts;

/// <summary>
/// The one check of an account's email address, asked by the admin page, <c>user add --email</c> and a user setting
/// their own: a bare address (no display name), at most <see cref="MaxLength"/> characters, or nothing at all.
/// </summary>
public static class EmailRule
{
    /// <summary>The longest address SMTP carries (RFC 5321's path limit less its brackets); <c>AppUser.Email</c> holds as much.</summary>
    public const int MaxLength = 254;

    /// <summary>
    /// Why <paramref name="raw"/> is refused, in Chinese, or null when it may be stored; <paramref name="email"/> is then the
    /// trimmed address, or null when it was left empty (the account gets no mail).
    /// </summary>
    public static string? Problem(string? raw, out string? email)
    {
        email = null;
        var text = (raw ?? "").Trim();
        if (text.Length == 0)
        {
            return null;
        }
        if (text.Length > MaxLength)
        {
            return $"邮箱地址不能超过 {MaxLength} 个字符。";
        }
        // MailAddress also accepts "名字 <a@b.cn>" and quoted forms; only the bare address is what was meant.
        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || !MailAddress.TryCreate(text, out var parsed)
            || parsed.Address != text || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            return "邮箱地址格式不正确，例如 name@example.com。";
        }
        email = text;
        return null;
    }
}
