using System.Data.Common;
using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Database;

/// <summary>A duplicate key is recognised as such on both engines, and nothing else is.</summary>
public class UniqueViolationTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ADuplicateKey_IsAUniqueViolation_ButAMissingReferenceOrANullIsNot(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var conn = await db.Factory.OpenAsync();
        await conn.ExecuteAsync("CREATE TABLE UvKey (Id INT NOT NULL PRIMARY KEY, Code INT NOT NULL);");
        await conn.ExecuteAsync("CREATE UNIQUE INDEX UX_UvKey_Code ON UvKey (Code);");
        await conn.ExecuteAsync("INSERT INTO UvKey (Id, Code) VALUES (1, 1);");

        var index = await Assert.ThrowsAnyAsync<DbException>(() => conn.ExecuteAsync("INSERT INTO UvKey (Id, Code) VALUES (2, 1);"));
        var key = await Assert.ThrowsAnyAsync<DbException>(() => conn.ExecuteAsync("INSERT INTO UvKey (Id, Code) VALUES (1, 2);"));
        var missing = await Assert.ThrowsAnyAsync<DbException>(() => conn.ExecuteAsync(
            "INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt) VALUES (999999, 3, 1, '2026-03-01', 'Service', '2026-03-01');"));
        var nothing = await Assert.ThrowsAnyAsync<DbException>(() => conn.ExecuteAsync("INSERT INTO UvKey (Id, Code) VALUES (3, NULL);"));

        Assert.True(UniqueViolation.Is(index));
        Assert.True(UniqueViolation.Is(key));
        Assert.True(UniqueViolation.Is(new InvalidOperationException("wrapped", index)));
        Assert.False(UniqueViolation.Is(missing));
        Assert.False(UniqueViolation.Is(nothing));
        Assert.False(UniqueViolation.Is(new InvalidOperationException("UNIQUE constraint failed")));
        Assert.False(UniqueViolation.Is(null));
    }
}
