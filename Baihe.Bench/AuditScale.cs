using System.Data.Common;
using System.Diagnostics;
using Baihe.Data.Database;
using Dapper;
using Microsoft.Data.SqlClient;

namespace Baihe.Bench;

/// <summary>
/// Tops the audit log up to a number of rows, so the viewer is measured at its size (1M rows by default): rows of two
/// years, spread over the communities, the accounts and a realistic mix of actions of which about 9 % are refusals, each
/// naming a record. Deterministic (a fixed seed), written straight into the table as the journal would have, and
/// only ever added to: the log is append-only.
/// </summary>
public static class AuditScale
{
    // (action, record type, weight): roster and points work dominate a community's log; refusals are ~9 %.
    private static readonly (string Action, string EntityType, int Weight)[] Mix =
    [
        ("Roster.AddMember", "Membership", 14), ("Roster.ChangeRole", "Membership", 6), ("Roster.RecordLeave", "Membership", 5),
        ("Member.EditContact", "Member", 8), ("Points.RecordService", "PointEntry", 20), ("Points.Correct", "PointEntry", 3),
        ("Points.Redeem", "Redemption", 6), ("Activity.SaveAttendance", "Activity", 8), ("Task.Intake", "ResidentTask", 5),
        ("Task.Assign", "ResidentTask", 4), ("Task.Resolve", "ResidentTask", 4), ("Wish.Claim", "MicroWish", 3),
        ("Report.Export", "Community", 2), ("Denied:Roster.AddMember", "Team", 4), ("Denied:Points.Correct", "PointEntry", 2),
        ("Denied:Dashboard.Read", "Community", 2), ("Denied:Task.Assign", "ResidentTask", 1),
    ];

    private const string CountSql = "SELECT COUNT(*) FROM AuditLog;";
    private const string UsersSql = "SELECT Id, UserName FROM AppUser ORDER BY Id;";
    private const string CommunitiesSql = "SELECT Id FROM Community ORDER BY Id;";

    private const string InsertSql = """
        INSERT INTO AuditLog (OccurredAt, UserId, UserName, Action, EntityType, EntityId, BeforeJson, AfterJson, CommunityId, SubDistrictId)
        SELECT @OccurredAt, @UserId, @UserName, @Action, @EntityType, @EntityId, @BeforeJson, @AfterJson, c.Id, c.SubDistrictId
        FROM Community c WHERE c.Id = @CommunityId;
        """;

    /// <summary>Adds rows until the log holds <paramref name="rows"/>; says what it did on <paramref name="output"/>.</summary>
    public static async Task EnsureAsync(DbConnectionFactory factory, BaiheClock clock, int rows, TextWriter output)
    {
        await using var conn = await factory.OpenAsync();
        var have = await conn.ExecuteScalarAsync<long>(CountSql);
        if (have >= rows)
        {
            return;
        }
        var users = (await conn.QueryAsync<(int Id, string Name)>(UsersSql)).AsList();
        var communities = (await conn.QueryAsync<int>(CommunitiesSql)).AsList();
        var watch = Stopwatch.StartNew();
        var random = new Random(20261203 + (int)have);
        var weights = Mix.Sum(m => m.Weight);
        var start = clock.Now.AddYears(-2);
        var span = (clock.Now - start).TotalSeconds;
        var missing = rows - (int)have;
        // Ascending times, as a real log is written, so the table's pages fill in order.
        var times = Enumerable.Range(0, missing).Select(_ => start.AddSeconds(random.NextDouble() * span)).Order().ToList();
        await using var tx = await conn.BeginTransactionAsync();
        await using var insert = conn.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = InsertSql;
        var p = new Dictionary<string, DbParameter>();
        foreach (var name in new[] { "OccurredAt", "UserId", "UserName", "Action", "EntityType", "EntityId", "BeforeJson", "AfterJson", "CommunityId" })
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = "@" + name;
            insert.Parameters.Add(parameter);
            p[name] = parameter;
        }
        if (insert is SqlCommand)
        {
            insert.CommandTimeout = 0;
        }
        foreach (var at in times)
        {
            var pick = random.Next(weights);
            var (action, entityType, _) = Mix.First(m => (pick -= m.Weight) < 0);
            var (userId, userName) = users[random.Next(users.Count)];
            var community = communities[random.Next(communities.Count)];
            p["OccurredAt"].Value = at;
            p["UserId"].Value = userId;
            p["UserName"].Value = userName;
            p["Action"].Value = action;
            p["EntityType"].Value = entityType;
            p["EntityId"].Value = random.Next(1, 5000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            p["BeforeJson"].Value = action.EndsWith("ChangeRole", StringComparison.Ordinal) ? "{\"Role\":\"Member\"}" : DBNull.Value;
            p["AfterJson"].Value = action.StartsWith("Denied:", StringComparison.Ordinal) ? "\"您无权执行此操作。\"" : "{\"Points\":2}";
            p["CommunityId"].Value = community;
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        await using (var analyze = conn.CreateCommand())
        {
            analyze.CommandText = factory.IsSqlite ? "ANALYZE;" : "UPDATE STATISTICS dbo.AuditLog;";
            analyze.CommandTimeout = 0;
            await analyze.ExecuteNonQueryAsync();
        }
        output.WriteLine($"AuditLog topped up from {have:N0} to {rows:N0} rows in {watch.Elapsed.TotalSeconds:F1} s.");
    }
}
