using Baihe.Data.Accounts;
using Baihe.Data.Database;

namespace Baihe.Data.Deliberations;

/// <summary>Records deliberation meetings; their decisions become tasks through the ordinary intake, linked back.</summary>
public sealed class DeliberationCommands(DbConnectionFactory db, BaiheClock clock)
{
    private const string InsertSql = """
        INSERT INTO Deliberation (CommunityId, HeldOn, Topic, NeedsRaised, Decisions) VALUES (@CommunityId, @HeldOn, @Topic, @NeedsRaised, @Decisions);
        """;

    private const string InsertAttendeeSql = "INSERT INTO DeliberationAttendee (DeliberationId, MemberId) VALUES (@DeliberationId, @MemberId);";

    private const string ResidentCommunitySql = "SELECT g.CommunityId FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE m.Id = @MemberId;";

    /// <summary>The longest topic (Deliberation.Topic is NVARCHAR(100)).</summary>
    public const int MaxTopicLength = 100;

    /// <summary>The longest needs or decisions text (NVARCHAR(1000) each).</summary>
    public const int MaxNotesLength = 1000;

    /// <summary>Records a meeting; the community's secretary keeps these minutes.</summary>
    public Task<CommandResult> RecordAsync(Actor actor, MeetingInput input, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            if (!DeliberationRules.CanRecordMeeting(actor, input.CommunityId))
            {
                throw await w.DeniedAsync("Deliberation.Record", "Community", input.CommunityId, input);
            }
            if (TextInput.Check(input.Topic, MaxTopicLength, "议题", out var topic) is { } topicError)
            {
                return CommandResult.Fail(topicError);
            }
            if (TextInput.Check(input.NeedsRaised, MaxNotesLength, "收集到的需求", out var needs, multiline: true) is { } needsError)
            {
                return CommandResult.Fail(needsError);
            }
            if (TextInput.Check(input.Decisions, MaxNotesLength, "议定事项", out var decided, required: false, multiline: true) is { } decisionsError)
            {
                return CommandResult.Fail(decisionsError);
            }
            var decisions = decided.Length == 0 ? null : decided;
            if (DateInput.Check(input.HeldOn, "议事日期", w.Now.Date) is { } dateError)
            {
                return CommandResult.Fail(dateError);
            }
            if (input.AttendeeIds.Count == 0)
            {
                return CommandResult.Fail("请选择参会的邻长。");
            }
            foreach (var member in input.AttendeeIds.Distinct())
            {
                if (await w.ScalarAsync<int?>(ResidentCommunitySql, new { MemberId = member }) != input.CommunityId)
                {
                    // The page offers only this community's residents: another id was forged or has gone.
                    throw await w.DeniedAsync("Deliberation.Record", "Member", member, input, "参会名单里有找不到的居民。");
                }
            }
            var id = await w.InsertAsync(InsertSql,
                new { input.CommunityId, HeldOn = input.HeldOn.Date, Topic = topic, NeedsRaised = needs, Decisions = decisions });
            await w.ExecuteAsync(InsertAttendeeSql, input.AttendeeIds.Distinct().Select(m => new { DeliberationId = id, MemberId = m }));
            w.Audit("Deliberation.Record", "Deliberation", id, null, new { Topic = topic, Attendees = input.AttendeeIds.Count });
            return CommandResult.Success(id);
        }, ct);
}
