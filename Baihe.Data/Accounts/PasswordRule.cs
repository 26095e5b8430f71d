namespace Baihe.Data.Accounts;

/// <summary>
/// The one strength rule for every password a person chooses or is given: the <c>user add</c> command, an account
/// created on the admin page, an administrator's reset and a user's own change all ask it.
/// </summary>
public static class PasswordRule
{
    /// <summary>The shortest password accepted. Length is what resists guessing; composition rules mostly add sticky notes.</summary>
    public const int MinLength = 10;

    /// <summary>The longest accepted: PBKDF2 hashes any length, but a megabyte "password" is a cheap way to burn CPU.</summary>
    public const int MaxLength = 128;

    /// <summary>Why <paramref name="password"/> is refused, in Chinese, or null when it is strong enough.</summary>
    public static string? Problem(string? password) => password switch
    {
        null or { Length: 0 } => "请输入密码。",
        { Length: < MinLength } => $"密码至少 {MinLength} 位。",
        { Length: > MaxLength } => $"密码不能超过 {MaxLength} 位。",
        _ when string.IsNullOrWhiteSpace(password) => "密码不能全是空格。",
        _ => null,
    };
}
