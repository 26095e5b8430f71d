namespace Baihe.Data.Screens;

/// <summary>A sub-district (街道) an administrator may make a screen for.</summary>
public sealed record SubDistrictOption
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
}
