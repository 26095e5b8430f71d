using System.Text.RegularExpressions;
using Baihe.Data.Database;

namespace Baihe.Data.Residents;

/// <summary>The validation rules for residents' names and phones, with the messages users see.</summary>
public static partial class ResidentRules
{
    /// <summary>The longest name, in UTF-16 units (Member.Name is NVARCHAR(20)).</summary>
    public const int MaxNameLength = 20;

    /// <summary>The longest phone as typed, with spaces, dashes and a +86 prefix (Member.Phone stores the 11 digits).</summary>
    public const int MaxPhoneInputLength = 20;

    /// <summary>
    /// Trims a name and checks it with <see cref="TextInput.Check"/> (length in UTF-16 units as NVARCHAR(20) counts,
    /// no control characters, no non-characters such as U+FFFF, no broken emoji); returns a Chinese message when it is
    /// not acceptable.
    /// </summary>
    public static string? CheckName(string? raw, out string name) => TextInput.Check(raw, MaxNameLength, "姓名", out name);

    /// <summary>
    /// Normalises a mainland mobile number: spaces and dashes go, an optional +86 / 86 prefix goes; what remains
    /// must be 11 digits starting 1[3-9]. Empty means no phone. Returns a Chinese message when not acceptable.
    /// </summary>
    public static string? CheckPhone(string? raw, out string? phone)
    {
        phone = null;
        if (TextInput.Check(raw, MaxPhoneInputLength, "手机号", out var typed, required: false) is { } error)
        {
            return error;
        }
        var text = Separators().Replace(typed, "");
        if (text.Length == 0)
        {
            return null;
        }
        if (text.StartsWith("+86", StringComparison.Ordinal))
        {
            text = text[3..];
        }
        else if (text.StartsWith("86", StringComparison.Ordinal) && text.Length == 13)
        {
            text = text[2..];
        }
        if (!Mobile().IsMatch(text))
        {
            return "手机号应为 11 位中国大陆手机号（可带 +86）。";
        }
        phone = text;
        return null;
    }

    [GeneratedRegex(@"[\s\-]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();
}
