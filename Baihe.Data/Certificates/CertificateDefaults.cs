namespace Baihe.Data.Certificates;

/// <summary>What the issue form starts with: the organisation's name and the 负责人 and contact of its last certificate.</summary>
public sealed record CertificateDefaults(string Organisation, string? Principal, string? Contact);
