namespace Baihe.Data.Certificates;

/// <summary>
/// A certificate to issue: whose services, over which days (both inclusive), and who signs for the issuing
/// organisation (负责人), who handles it (经办人) and the contact a reader may call to verify it.
/// </summary>
/// <remarks>
/// <see cref="ExpectedNumber"/> is the number the person confirmed; when another certificate took it meanwhile, the issue
/// is refused instead of quietly printing a different number than the one agreed to.
/// </remarks>
public sealed record CertificateRequest(int CommunityId, int MemberId, DateTime From, DateTime To, string? Principal, string? Handler, string? Contact,
    string? ExpectedNumber = null);
