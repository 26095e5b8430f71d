namespace Baihe.Data.Accounts;

/// <summary>A new account. The password arrives already hashed: Baihe.Data never sees a plain password.</summary>
public sealed record NewUser(string UserName, string DisplayName, string PasswordHash, string Role,
    int? SubDistrictId = null, int? CommunityId = null, int? TeamId = null, bool IsDemo = false);
