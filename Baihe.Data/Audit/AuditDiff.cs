using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Baihe.Data.Accounts;
using Baihe.Data.Residents;
using Baihe.Data.Teams;

namespace Baihe.Data.Audit;

/// <summary>
/// Turns a row's stored before/after JSON into readable lines (<c>字段：旧 → 新</c>), one per field that differs or is
/// only on one side, in the order the fields were written. Phone numbers are masked unless the reader sees whole phones.
/// </summary>
public static partial class AuditDiff
{
    private const int MaxValueLength = 200;

    /// <summary>The lines of one row; empty when both sides are empty.</summary>
    public static IReadOnlyList<AuditChange> Lines(string? beforeJson, string? afterJson, bool fullPhones)
    {
        var before = Fields(beforeJson);
        var after = Fields(afterJson);
        var names = before.Keys.Concat(after.Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var lines = new List<AuditChange>();
        foreach (var name in names)
        {
            var old = before.GetValueOrDefault(name) ?? "";
            var @new = after.GetValueOrDefault(name) ?? "";
            // Unchanged fields say nothing, and neither does a field that is empty on both sides (a null at creation).
            if ((old == @new && beforeJson is not null) || (old.Length == 0 && @new.Length == 0))
            {
                continue;
            }
            lines.Add(new AuditChange(AuditLabels.Field(name), Show(name, old, fullPhones), Show(name, @new, fullPhones)));
        }
        return lines;
    }

    /// <summary>Masks every mainland mobile number in <paramref name="text"/> (for values and free text alike).</summary>
    public static string MaskPhones(string text) => Mobile().Replace(text, m => PhoneNumber.Mask(m.Value));

    private static string Show(string field, string value, bool fullPhones)
    {
        if (string.Equals(field, "Role", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
        {
            // An account's role (Secretary → 社区书记) or a roster place (Deputy → 副队长); "Lead" is 队长 in both.
            value = Roles.Label(value) is var account && account != value ? account : TeamLabels.Role(value);
        }
        if (!fullPhones)
        {
            value = field.Contains("Phone", StringComparison.OrdinalIgnoreCase) && value.Length > 0 ? PhoneNumber.Mask(value) : MaskPhones(value);
        }
        return value.Length > MaxValueLength ? value[..MaxValueLength] + "…" : value;
    }

    private static Dictionary<string, string> Fields(string? json)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(json))
        {
            return fields;
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    fields[p.Name] = Text(p.Value);
                }
            }
            else
            {
                fields["值"] = Text(doc.RootElement);
            }
        }
        catch (JsonException)
        {
            // An old row written by hand or truncated: show it as it is rather than hide it.
            fields["值"] = json;
        }
        return fields;
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.String => value.GetString() is { } s && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && s.Length >= 10 && s[4] == '-'
            ? (d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
            : value.GetString() ?? "",
        JsonValueKind.True => "是",
        JsonValueKind.False => "否",
        JsonValueKind.Array => string.Join("、", value.EnumerateArray().Select(Text)),
        JsonValueKind.Object => string.Join("，", value.EnumerateObject().Select(p => $"{AuditLabels.Field(p.Name)} {Text(p.Value)}")),
        _ => value.GetRawText(),
    };

    [GeneratedRegex(@"(?<!\d)1\d{10}(?!\d)")]
    private static partial Regex Mobile();
}
