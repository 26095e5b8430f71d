namespace Baihe.Data.Certificates;

/// <summary>
/// The ID documents a volunteer may be recorded with (the codes of <c>Member.IdType</c>) and how each number is masked.
/// Only the masked number is ever stored (see docs/architecture.md): the certificate prints it, nothing else needs more.
/// </summary>
public static class IdTypes
{
    public const string IdCard = "IdCard";
    public const string HkMacaoPermit = "HkMacaoPermit";
    public const string TaiwanPermit = "TaiwanPermit";
    public const string Passport = "Passport";
    public const string ForeignerPermit = "ForeignerPermit";

    /// <summary>Every code, in the order a form lists them.</summary>
    public static readonly IReadOnlyList<string> All = [IdCard, HkMacaoPermit, TaiwanPermit, Passport, ForeignerPermit];

    /// <summary>The Chinese name of an ID type.</summary>
    public static string Label(string? code) => code switch
    {
        IdCard => "居民身份证",
        HkMacaoPermit => "港澳居民来往内地通行证",
        TaiwanPermit => "台湾居民来往大陆通行证",
        Passport => "护照",
        ForeignerPermit => "外国人永久居留身份证",
        null => "",
        _ => code,
    };

    /// <summary>
    /// Checks a number typed for <paramref name="idType"/> and returns its masked form (first 4 and last 4 characters,
    /// the rest as '*': 440511199001011234 → 4405**********1234), or a Chinese problem. The full number is never
    /// returned, so nothing downstream can store it.
    /// </summary>
    public static string? Mask(string? idType, string? number, out string masked)
    {
        masked = "";
        if (idType is null || !All.Contains(idType))
        {
            return "请选择证件类型。";
        }
        var n = (number ?? "").Trim().ToUpperInvariant();
        if (idType == IdCard)
        {
            if (n.Length != 18 || !n[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(n[17]) || n[17] == 'X'))
            {
                return "居民身份证号码应为 18 位（最后一位可为 X）。";
            }
        }
        else if (n.Length is < 6 or > 20 || !n.All(char.IsAsciiLetterOrDigit))
        {
            return "证件号码应为 6 到 20 位字母或数字。";
        }
        var keep = n.Length >= 12 ? 4 : 2;
        masked = n[..keep] + new string('*', n.Length - 2 * keep) + n[^keep..];
        return null;
    }
}
