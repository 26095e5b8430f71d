namespace Baihe.Data.Screens;

/// <summary>What a valid display token opens: the token's id and the sub-district (街道) whose figures it shows.</summary>
public sealed record ScreenScope
{
    public int TokenId { get; init; }
    public int SubDistrictId { get; init; }
    public string SubDistrict { get; init; } = "";
}
