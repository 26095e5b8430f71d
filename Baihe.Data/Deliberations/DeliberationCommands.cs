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

    /// <summary>Records a meeting; the community's secretary keeps these minutes.</summary>
    public Task<CommandResult> RecordAsync(Actor actor, MeetingInput input, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            if (!DeliberationRules.CanRecordMeeting(actor, input.CommunityId))
            {
                throw await w.DeniedAsync("Deliberation.Record", "Community", input.CommunityId, input);
            }
            var topic = (input.Topic ?? "").Trim();
            var needs = (input.NeedsRaised ?? "").Trim();
            var decisions = string.IsNullOrWhiteSpace(input.Decisions) ? null : input.Decisions.Trim();
            if (topic.Length is 0 or > 100)
            {
                return CommandResult.Fail("请填写议题（不超过 100 字）。");
            }
            if (needs.Length is 0 or > 1000)
            {
                return CommandResult.Fail("请填写收集到的需求（不超过 1000 字）。");
            }
            if (decisions is { Length: > 1000 })
            {
                return CommandResult.Fail("议定事项不超过 1000 字。");
            }
            if (input.HeldOn.Date > w.Now.Date)
            {
                return CommandResult.Fail("议事日期不能晚于今天。");
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
