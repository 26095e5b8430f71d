namespace Baihe.Data.Wishes;

/// <summary>A partner unit (共建单位) that can claim wishes.</summary>
public sealed record PartnerRow
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
}
