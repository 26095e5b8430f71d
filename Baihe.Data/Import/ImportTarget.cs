namespace Baihe.Data.Import;

/// <summary>The community a roster workbook is imported into, as <see cref="ImportRules"/> needs it.</summary>
public sealed record ImportTarget(int CommunityId);
