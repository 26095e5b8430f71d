namespace Baihe.Data.Members;

/// <summary>A choice of a list's filter (a grid or a team of the community): its id and name.</summary>
public sealed record NamedOption
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
}
