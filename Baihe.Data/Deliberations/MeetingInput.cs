
namespace Baihe.Data.Deliberations;

/// <summary>A meeting of 邻合百姓事: who came (the 邻长 of all kinds), the needs raised and what was decided.</summary>
public sealed record MeetingInput(int CommunityId, DateTime HeldOn, string? Topic, string? NeedsRaised, string? Decisions, IReadOnlyCollection<int> AttendeeIds);
