namespace Baihe.Data.Accounts;

/// <summary>
/// A new account. The password arrives already hashed: Baihe.Data never sees a plain password. <c>Email</c> is optional
/// (checked by <see cref="EmailRule"/>); an account without one receives no mail.
/// </summary>
public sealed record NewUser(string UserName, string DisplayName, string PasswordHash, string Role,
    int? SubDistrictId = null, int? CommunityId = null, int? TeamId = null, bool IsDemo = false, string? Email = null);
