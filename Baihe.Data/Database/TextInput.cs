using System.Globalization;

namespace Baihe.Data.Database;

/// <summary>
/// The one check of user text at the door, before it reaches an <c>NVARCHAR(n)</c> column. SQLite stores whatever it
/// is given, so these rules are what keeps production (SQL Server) and the embedded database alike:
/// <list type="bullet">
/// <item>the text is trimmed and otherwise never changed: too long is refused, not cut;</item>
/// <item>length is counted in UTF-16 code units, which is what <c>NVARCHAR(n)</c> counts (an emoji is 2);</item>
/// <item>control characters are refused (a multi-line field allows line breaks and tabs), and so are Unicode
/// non-characters and lone surrogates, which no font can show and which would be stored broken.</item>
/// </list>
/// Every refusal is a Chinese message naming the field.
/// </summary>
public static class TextInput
{
    /// <summary>
    /// Checks <paramref name="raw"/> for a field called <paramref name="label"/> of at most <paramref name="maxLength"/>
    /// UTF-16 units. Returns null when acceptable, with the trimmed text in <paramref name="text"/> (empty when an
    /// optional field was left blank); otherwise a Chinese message, and nothing should be written.
    /// </summary>
    public static string? Check(string? raw, int maxLength, string label, out string text, bool required = true, bool multiline = false)
    {
        text = (raw ?? "").Trim();
        if (text.Length == 0)
        {
            return required ? $"请填写{label}。" : null;
        }
        if (text.Length > maxLength)
        {
            return $"「{label}」不能超过 {maxLength} 字（现为 {text.Length} 字；表情符号按 2 字计）。";
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsNonCharacter(char.ConvertToUtf32(c, text[i + 1])))
                {
                    return Broken(label);
                }
                i++;
                continue;
            }
            if (char.IsSurrogate(c) || IsNonCharacter(c))
            {
                return Broken(label);
            }
            if (char.IsControl(c) && !(multiline && (c is '\n' or '\t' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))))
            {
                return multiline ? $"「{label}」不能包含控制字符（换行和制表符除外）。" : $"「{label}」不能包含控制字符或换行。";
            }
        }
        return null;
    }

    /// <summary>
    /// The longest start of <paramref name="text"/> of at most <paramref name="maxLength"/> UTF-16 units that ends on a
    /// text-element boundary, so a derived text (an automatic title, a composed note) never splits an emoji or a
    /// combined character into a broken half. Only for text the system composes; user input is refused, not cut.
    /// </summary>
    public static string Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }
        var end = 0;
        while (end < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text, end);
            if (end + next > maxLength)
            {
                break;
            }
            end += next;
        }
        return text[..end];
    }

    /// <summary>
    /// U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE, ...): reserved by
    /// Unicode for internal use, never valid in interchanged text.
    /// </summary>
    private static bool IsNonCharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    private static string Broken(string label) => $"「{label}」包含无法保存的字符（如残缺的表情符号或非法字符），请删除后重新输入。";
}
