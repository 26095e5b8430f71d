namespace Baihe.Data.Certificates;

/// <summary>One service a volunteer gave: a closed activity of a volunteer service team they attended, with their minutes.</summary>
public sealed record ServiceRecord
{
    public int ActivityId { get; init; }
    public string Title { get; init; } = "";
    public string Area { get; init; } = "";
    public string Team { get; init; } = "";
    public DateTime HeldOn { get; init; }
    public int Minutes { get; init; }
}
