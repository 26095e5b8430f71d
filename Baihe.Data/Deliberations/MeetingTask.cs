namespace Baihe.Data.Deliberations;

/// <summary>A task a meeting's decision became, for the link on the meeting.</summary>
public sealed record MeetingTask
{
    public int DeliberationId { get; init; }
    public int TaskId { get; init; }
    public string Title { get; init; } = "";
    public string Stage { get; init; } = "";
}
