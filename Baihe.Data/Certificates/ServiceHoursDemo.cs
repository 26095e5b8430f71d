using System.Data.Common;
using Dapper;

namespace Baihe.Data.Certificates;

/// <summary>
/// The demo's service hours: believable times for 百合园's events (a tea stall runs a morning, a reading an hour and a
/// half), one volunteer who left early, and sample ID lines and volunteer numbers for most of its volunteers, so a
/// certificate can be issued at once; a few are left without, so recording them can be shown too. Runs inside the
/// demo seeder's transaction.
/// </summary>
internal static class ServiceHoursDemo
{
    private static readonly (string Title, int Start, int End)[] Times =
    [
        ("老幼共读红色经典", 9 * 60 + 30, 11 * 60),
        ("亲子诵读红色经典", 15 * 60, 16 * 60 + 30),
        ("银辉护苗·曙光义教辅导", 16 * 60, 18 * 60),
        ("入户慰问困境儿童", 9 * 60, 11 * 60 + 30),
        ("法律明白人调解培训", 14 * 60 + 30, 16 * 60 + 30),
        ("骑手交通安全宣讲", 19 * 60, 20 * 60 + 30),
        ("长者饭堂助餐配送", 10 * 60 + 30, 12 * 60 + 30),
        ("邻合百姓事议事会", 19 * 60 + 30, 21 * 60),
        ("消防安全隐患排查", 8 * 60 + 30, 11 * 60 + 30),
        ("酷暑送清凉·公益凉茶棚", 8 * 60, 12 * 60),
        ("元宵送汤圆", 9 * 60, 11 * 60),
        ("寒冬煮姜茶", 7 * 60 + 30, 9 * 60 + 30),
        ("百合讲师团·家庭教育讲座", 19 * 60 + 30, 21 * 60),
    ];

    private const string TimesSql = "UPDATE Activity SET StartMinute = @Start, EndMinute = @End WHERE Title = @Title;";

    private const string LeftEarlySql = """
        UPDATE Attendance SET ServiceMinutes = 120
        WHERE ActivityId = (SELECT MIN(a.Id) FROM Activity a WHERE a.Title = '酷暑送清凉·公益凉茶棚')
          AND MemberId = (SELECT MIN(x.MemberId) FROM Attendance x JOIN Activity a ON a.Id = x.ActivityId WHERE a.Title = '酷暑送清凉·公益凉茶棚');
        """;

    private const string VolunteersSql = """
        SELECT DISTINCT m.Id
        FROM Member m
        JOIN Membership ms ON ms.MemberId = m.Id
        JOIN Team t ON t.Id = ms.TeamId
        WHERE t.CommunityId = @CommunityId AND t.Kind = 'VolunteerService'
        ORDER BY m.Id;
        """;

    private const string IdentitySql = """
        UPDATE Member SET IdType = 'IdCard', IdNumberMasked = @Masked, VolunteerNo = @VolunteerNo WHERE Id = @Id;
        """;

    public static async Task SeedAsync(DbConnection conn, DbTransaction tx, int communityId, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(TimesSql, Times.Select(t => new { t.Title, t.Start, t.End }), tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(LeftEarlySql, null, tx, cancellationToken: ct));
        var ids = (await conn.QueryAsync<int>(new CommandDefinition(VolunteersSql, new { CommunityId = communityId }, tx, cancellationToken: ct))).AsList();
        // Every seventh volunteer has no ID on file yet. The masked numbers are made up (440511 is 金平区's code).
        var rows = ids.Where((_, i) => i % 7 != 6).Select(id => new
        {
            Id = id, Masked = $"4405**********{(id * 37) % 10000:0000}", VolunteerNo = $"4405110{id:0000000}",
        });
        await conn.ExecuteAsync(new CommandDefinition(IdentitySql, rows, tx, cancellationToken: ct));
    }
}
