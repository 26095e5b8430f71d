namespace Baihe.Data.Deliberations;

/// <summary>A meeting asked for by id: the meeting, or the Chinese refusal (already audited) when it is unknown or foreign.</summary>
public sealed record MeetingChoice(MeetingDetail? Meeting, string? Refusal)
{
    /// <summary>What a user reads when the meeting id names no meeting of their community.</summary>
    public const string NotFound = "找不到这次议事，请从“邻合百姓事”重新打开。";
}
