using System.Text.RegularExpressions;

namespace Baihe.Data.Residents;

/// <summary>The validation rules for residents' names and phones, with the messages users see.</summary>
public static partial class ResidentRules
{
    /// <summary>The longest name, in characters.</summary>
    public const int MaxNameLength = 20;

    /// <summary>Trims a name and checks it; returns a Chinese message when it is not acceptable.</summary>
    public static string? CheckName(string? raw, out string name)
    {
        name = (raw ?? "").Trim();
        if (name.Length == 0)
        {
            return "请填写姓名。";
        }
        if (name.Any(char.IsControl))
        {
            return "姓名不能包含控制字符。";
        }
        if (name.Length > MaxNameLength)
        {
            return $"姓名不能超过 {MaxNameLength} 个字。";
        }
        return null;
    }

    /// <summary>
    /// Normalises a mainland mobile number: spaces and dashes go, an optional +86 / 86 prefix goes; what remains
    /// must be 11 digits starting 1[3-9]. Empty means no phone. Returns a Chinese message when not acceptable.
    /// </summary>
    public static string? CheckPhone(string? raw, out string? phone)
    {
        phone = null;
        var text = Separators().Replace(raw ?? "", "");
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
