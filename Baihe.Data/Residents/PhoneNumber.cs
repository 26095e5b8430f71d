namespace Baihe.Data.Residents;

/// <summary>Mainland mobile numbers as Baihe stores and shows them.</summary>
public static class PhoneNumber
{
    /// <summary>Masks the middle four digits (<c>138****5678</c>); anything not an 11-digit number is hidden whole.</summary>
    public static string Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return "";
        }
        return phone.Length == 11 && phone.All(char.IsAsciiDigit) ? $"{phone[..3]}****{phone[7..]}" : "****";
    }
}
