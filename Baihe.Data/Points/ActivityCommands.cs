using Baihe.Data.Summaries;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Teams;

namespace Baihe.Data.Points;

/// <summary>
/// Events: created by the team's lead or the community's secretary, attendance taken on one screen, and closed once:
/// closing writes one ledger entry per attendee in one transaction, and closing again writes nothing.
/// </summary>
public sealed class ActivityCommands(DbConnectionFactory db, BaiheClock clock)
{
    /// <summary>The most points one event may award each attendee.</summary>
    public const int MaxPointsPerAttendee = 20;

    /// <summary>The longest title or place (Activity.Title and Activity.Place are NVARCHAR(100)).</summary>
    public const int MaxTextLength = 100;

    private const string TeamSql = "SELECT Id, CommunityId FROM Team WHERE Id = @TeamId;";

    private const string CategoryExistsSql = "SELECT COUNT(*) FROM PointCategory WHERE Id = @CategoryId;";

    private const string InsertActivitySql = """
        INSERT INTO Activity (TeamId, CategoryId, Title, Place, HeldOn, PointsPerAttendee, Status, StartMinute, EndMinute)
        VALUES (@TeamId, @CategoryId, @Title, @Place, @HeldOn, @PointsPerAttendee, 'Open', @StartMinute, @EndMinute);
        """;

    private const string ActivitySql = """
        SELECT a.Id, a.TeamId, t.CommunityId, a.CategoryId, a.Title, a.HeldOn, a.PointsPerAttendee, a.Status, a.StartMinute, a.EndMinute
        FROM Activity a JOIN Team t ON t.Id = a.TeamId
        WHERE a.Id = @ActivityId;
        """;

    private const string LockActivitySqlServer = "SELECT Id FROM Activity WITH (UPDLOCK, HOLDLOCK) WHERE Id = @ActivityId;";

    // Changes nothing, but only while the event is open: attendance is written only if this touches the row, and on
    // SQL Server the row stays locked until commit, so a close waits for the new list instead of crediting the old one.
    private const string StillOpenSql = "UPDATE Activity SET Status = 'Open' WHERE Id = @ActivityId AND Status = 'Open';";

    private const string ResidentInCommunitySql = """
        SELECT COUNT(*) FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = @CommunityId AND m.Id = @MemberId;
        """;

    private const string RosterIdsSql = "SELECT MemberId FROM Membership WHERE TeamId = @TeamId AND LeftOn IS NULL;";

    private const string ClearAttendanceSql = "DELETE FROM Attendance WHERE ActivityId = @ActivityId;";

    private const string InsertAttendanceSql = """
        INSERT INTO Attendance (ActivityId, MemberId, IsWalkIn, ServiceMinutes) VALUES (@ActivityId, @MemberId, @IsWalkIn, @ServiceMinutes);
        """;

    private const string AttendeesSql = "SELECT MemberId FROM Attendance WHERE ActivityId = @ActivityId ORDER BY MemberId;";

    private const string CloseSql = """
        UPDATE Activity SET Status = 'Closed', ClosedAt = @Now, ClosedByUserId = @UserId WHERE Id = @ActivityId AND Status = 'Open';
        """;

    /// <summary>Creates an open event for a team.</summary>
    public Task<CommandResult> CreateAsync(Actor actor, ActivityInput input, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            var team = await w.SingleOrDefaultAsync<TeamRow>(TeamSql, new { input.TeamId });
            if (team is null)
            {
                throw await w.DeniedAsync("Activity.Create", "Team", input.TeamId, input, "找不到这支队伍。");
            }
            if (!PointsRules.CanRunActivity(actor, new TeamScope(team.Id, team.CommunityId)))
            {
                throw await w.DeniedAsync("Activity.Create", "Team", input.TeamId, input);
            }
            if (TextInput.Check(input.Title, MaxTextLength, "活动名称", out var title) is { } titleError)
            {
                return CommandResult.Fail(titleError);
            }
            if (TextInput.Check(input.Place, MaxTextLength, "活动地点", out var place) is { } placeError)
            {
                return CommandResult.Fail(placeError);
            }
            if (await w.ScalarAsync<int>(CategoryExistsSql, new { input.CategoryId }) == 0)
            {
                return CommandResult.Fail("请选择服务板块。");
            }
            if (input.PointsPerAttendee is < 1 or > MaxPointsPerAttendee)
            {
                return CommandResult.Fail($"每人积分应为 1 到 {MaxPointsPerAttendee} 之间的整数。");
            }
            if (DateInput.Check(input.HeldOn, "活动日期", w.Now.Date, latest: w.Now.Date.AddYears(1)) is { } dateError)
            {
                return CommandResult.Fail(dateError);
            }
            if (input.HeldOn.Date < new DateTime(w.Now.Year - 1, 1, 1))
            {
                return CommandResult.Fail("活动日期应在去年年初到一年以后之间。");
            }
            if (input.StartMinute is < 0 or >= 24 * 60 || input.EndMinute > 24 * 60 || input.EndMinute <= input.StartMinute)
            {
                return CommandResult.Fail("结束时间应晚于开始时间，且在同一天内。");
            }
            var id = await w.InsertAsync(InsertActivitySql, new
            {
                input.TeamId, input.CategoryId, Title = title, Place = place, HeldOn = input.HeldOn.Date, input.PointsPerAttendee,
                input.StartMinute, input.EndMinute,
            });
            w.Audit("Activity.Create", "Activity", id, null, input with { Title = title, Place = place });
            return CommandResult.Success(id);
        }, ct);

    /// <summary>
    /// Replaces the attendance of an open event: roster members who came, plus walk-ins (residents of the community
    /// who are not on the team's roster). <paramref name="hours"/> holds the service hours of attendees who did not serve
    /// the whole event (left early, came late), each from 0 to the event's length; everyone else is credited the whole
    /// event. The list replaces the list, hours included.
    /// </summary>
    public Task<CommandResult> SaveAttendanceAsync(Actor actor, int activityId, IReadOnlyCollection<int> memberIds,
        IReadOnlyDictionary<int, decimal>? hours = null, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            var activity = await EditableAsync(w, activityId, "Activity.SaveAttendance");
            if (activity.Status == "Closed")
            {
                return CommandResult.Fail(ClosedAlready);
            }
            var ids = memberIds.Distinct().ToList();
            var minutes = new Dictionary<int, int?>();
            foreach (var id in ids)
            {
                if (hours is null || !hours.TryGetValue(id, out var h))
                {
                    minutes[id] = null;
                    continue;
                }
                if (ServiceHoursBound.Check(h, activity.EndMinute - activity.StartMinute) is { } hoursError)
                {
                    return CommandResult.Fail(hoursError);
                }
                var m = (int)Math.Round(h * 60m, MidpointRounding.AwayFromZero);
                // The whole event is the default; storing it as null keeps "not adjusted" distinguishable.
                minutes[id] = m == activity.EndMinute - activity.StartMinute ? null : m;
            }
            // An attendance list is a roster's size, so one indexed check per id is cheap; an id from outside the
            // community was never offered on the screen and is refused as forged.
            foreach (var id in ids)
            {
                if (await w.ScalarAsync<int>(ResidentInCommunitySql, new { activity.CommunityId, MemberId = id }) == 0)
                {
                    throw await w.DeniedAsync("Activity.SaveAttendance", "Activity", activityId, new { memberIds = ids }, "出席名单里有找不到的居民。");
                }
            }
            var roster = (await w.QueryAsync<int>(RosterIdsSql, new { activity.TeamId })).ToHashSet();
            await w.ExecuteAsync(ClearAttendanceSql, new { ActivityId = activityId });
            await w.ExecuteAsync(InsertAttendanceSql, ids.Select(id => new
            {
                ActivityId = activityId, MemberId = id, IsWalkIn = !roster.Contains(id), ServiceMinutes = minutes[id],
            }));
            // The status read above may be old news: a close committed since then has credited the list it saw, and
            // this one must not replace it. Checked last, with a write, so the check and the list commit together.
            if (await w.ExecuteAsync(StillOpenSql, new { ActivityId = activityId }) == 0)
            {
                return CommandResult.Fail(ClosedAlready);
            }
            w.Audit("Activity.SaveAttendance", "Activity", activityId, null, new
            {
                Attendees = ids.Count, WalkIns = ids.Count(id => !roster.Contains(id)),
                AdjustedMinutes = minutes.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value),
            });
            return CommandResult.Success(activityId);
        }, ct);

    /// <summary>
    /// Closes the event: one ledger entry per attendee at the event's points, in one transaction. A second close
    /// finds the event closed and writes nothing (the unique index on (ActivityId, MemberId) backs this up).
    /// </summary>
    public Task<CommandResult> CloseAsync(Actor actor, int activityId, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Points", async w =>
        {
            var activity = await EditableAsync(w, activityId, "Activity.Close");
            if (activity.Status == "Closed")
            {
                return CommandResult.Success(activityId);
            }
            if (activity.HeldOn.Date > w.Now.Date)
            {
                return CommandResult.Fail("活动尚未举行，不能结束记分。");
            }
            // Close first, then read who came: once the status says Closed (and, on SQL Server, the row is locked by this
            // write), no attendance save can commit in between, so the list credited is the list that stays.
            if (await w.ExecuteAsync(CloseSql, new { ActivityId = activityId, w.Now, UserId = LedgerCommands.UserId(actor) }) == 0)
            {
                return CommandResult.Success(activityId);
            }
            var attendees = await w.QueryAsync<int>(AttendeesSql, new { ActivityId = activityId });
            if (attendees.Count == 0)
            {
                return CommandResult.Fail("还没有登记出席人员。");
            }
            foreach (var m in attendees)
            {
                await PointLedger.AppendAsync(w, new NewPointEntry(m, activity.CategoryId, activity.PointsPerAttendee, activity.HeldOn.Date, PointSource.Activity)
                {
                    ActivityId = activityId, RecordedByUserId = LedgerCommands.UserId(actor), Note = activity.Title,
                });
            }
            w.Audit("Activity.Close", "Activity", activityId, new { Status = "Open" },
                new { Status = "Closed", Attendees = attendees.Count, Points = attendees.Count * activity.PointsPerAttendee });
            // Closing writes ledger rows, so the points pages refresh.
            w.AlsoBump("Points");
            return CommandResult.Success(activityId);
        }, ct);

    /// <summary>The activity; refuses (after auditing) one that does not exist or that the actor may not run.</summary>
    private static async Task<ActivityRow> EditableAsync(WriteScope w, int activityId, string action)
    {
        if (!w.IsSqlite)
        {
            // Attendance saves and closes of one event wait for each other from their first read.
            await w.ExecuteAsync(LockActivitySqlServer, new { ActivityId = activityId });
        }
        var a = await w.SingleOrDefaultAsync<ActivityRow>(ActivitySql, new { ActivityId = activityId });
        if (a is null)
        {
            throw await w.DeniedAsync(action, "Activity", activityId, null, "找不到这场活动。");
        }
        if (!PointsRules.CanRunActivity(w.Actor, new TeamScope(a.TeamId, a.CommunityId)))
        {
            throw await w.DeniedAsync(action, "Activity", activityId, null);
        }
        return a;
    }

    private const string ClosedAlready = "活动已结束并记分，出席名单不能再改。";

    private sealed record TeamRow
    {
        public int Id { get; init; }
        public int CommunityId { get; init; }
    }

    private sealed record ActivityRow
    {
        public int Id { get; init; }
        public int TeamId { get; init; }
        public int CommunityId { get; init; }
        public int CategoryId { get; init; }
        public string Title { get; init; } = "";
        public DateTime HeldOn { get; init; }
        public int PointsPerAttendee { get; init; }
        public string Status { get; init; } = "";
        public int StartMinute { get; init; }
        public int EndMinute { get; init; }
    }
}
