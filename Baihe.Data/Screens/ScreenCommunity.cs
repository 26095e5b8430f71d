namespace Baihe.Data.Screens;

/// <summary>A community a big screen rotates through.</summary>
public sealed record ScreenCommunity
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
}
