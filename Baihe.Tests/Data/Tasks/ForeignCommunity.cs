using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Tasks;

/// <summary>
/// A second community beside the seeded 百合园社区, with one of everything a task or a wish can name: the ids a
/// forged request from 百合园's staff would carry.
/// </summary>
internal static class ForeignCommunity
{
    public const int Id = 900;
    public const int GridId = 900;
    public const int TeamId = 900;
    public const int MemberId = 900;
    public const int PartnerId = 900;
    public const int TaskId = 900;
    public const int WishId = 900;

    public static async Task SeedAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        await conn.ExecuteAsync("""
            INSERT INTO Community (Id, SubDistrictId, Name) SELECT 900, SubDistrictId, '百花社区' FROM Community WHERE Id = 1;
            INSERT INTO Grid (Id, CommunityId, Name, SortOrder) VALUES (900, 900, '百花一网格', 1);
            INSERT INTO Team (Id, CommunityId, BrandId, Name, Kind, SortOrder) SELECT 900, 900, MIN(Id), '百花志愿队', 'VolunteerService', 1 FROM Brand;
            INSERT INTO Member (Id, GridId, Name, CreatedAt) VALUES (900, 900, '百花居民', '2026-01-01');
            INSERT INTO PartnerUnit (Id, CommunityId, Name) VALUES (900, 900, '百花共建单位');
            INSERT INTO ResidentTask (Id, GridId, Title, Description, Category, Source, Stage, CollectedAt)
            VALUES (900, 900, '百花的诉求', '百花的诉求', '其他', 'Hotline', 'Collected', '2026-01-01');
            INSERT INTO MicroWish (Id, GridId, WisherName, WisherKind, Content, Status, PublishedAt)
            VALUES (900, 900, '百花老人', 'Elderly', '百花的心愿', 'Published', '2026-01-01');
            """);
    }

    /// <summary>The refusals audited for <paramref name="action"/>, as (entity type, entity id).</summary>
    public static async Task<List<(string EntityType, string EntityId)>> DenialsAsync(TestDatabase db, string action)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.QueryAsync<(string, string)>(
            "SELECT EntityType, EntityId FROM AuditLog WHERE Action = @Action ORDER BY Id;", new { Action = "Denied:" + action })).ToList();
    }

    /// <summary>Every row a task or wish command could write besides a refusal's audit row, and the change versions.</summary>
    public static async Task<string> EverythingElseAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        var counts = await conn.QuerySingleAsync<string>("""
            SELECT (SELECT COUNT(*) FROM ResidentTask) || '/' || (SELECT COUNT(*) FROM TaskStageHistory) || '/' || (SELECT COUNT(*) FROM TaskAssignee)
                || '/' || (SELECT COUNT(*) FROM MicroWish WHERE Status <> 'Published') || '/' || (SELECT COUNT(*) FROM WishStatusHistory)
                || '/' || (SELECT COUNT(*) FROM PointEntry) || '/' || (SELECT COUNT(*) FROM AuditLog WHERE Action NOT LIKE 'Denied:%')
                || '/' || (SELECT COALESCE(GROUP_CONCAT(Area || Version), '') FROM ChangeVersion)
                || '/' || (SELECT GROUP_CONCAT(Stage) FROM ResidentTask);
            """);
        return counts;
    }
}
