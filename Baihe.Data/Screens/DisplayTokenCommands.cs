using Baihe.Data.Accounts;
using Baihe.Data.Database;

namespace Baihe.Data.Screens;

/// <summary>
/// Creates and revokes the display tokens of the big screens. Both are administrators' writes (<see cref="ScreenRules"/>),
/// audited, and both move the <see cref="Area"/> change feed, so open screens re-check their token at once.
/// </summary>
public sealed class DisplayTokenCommands(DbConnectionFactory db, BaiheClock clock)
{
    /// <summary>The change-feed area display-token writes move; open screens re-check their token when it does.</summary>
    public const string Area = "Screens";

    /// <summary>The longest screen name (DisplayToken.Name is NVARCHAR(40)).</summary>
    public const int MaxNameLength = 40;

    private const string SubDistrictExistsSql = "SELECT COUNT(*) FROM SubDistrict WHERE Id = @Id;";

    private const string InsertSql = """
        INSERT INTO DisplayToken (SubDistrictId, Name, TokenHash, CreatedBy, CreatedAt)
        VALUES (@SubDistrictId, @Name, @TokenHash, @CreatedBy, @CreatedAt);
        """;

    private const string TokenSql = "SELECT Id, SubDistrictId, RevokedAt FROM DisplayToken WHERE Id = @Id;";

    // The RevokedAt IS NULL guard makes a second click (or a second administrator) change nothing: the rows affected
    // say whether this call was the one that revoked.
    private const string RevokeSql = """
        UPDATE DisplayToken SET RevokedAt = @Now, RevokedBy = @UserId WHERE Id = @Id AND RevokedAt IS NULL;
        """;

    /// <summary>
    /// Stores a new display token for a sub-district's screen. The caller draws <paramref name="token"/> with
    /// <see cref="DisplayTokenSecret.NewToken"/> and shows it once; only its hash is written. Success carries the new id.
    /// </summary>
    public Task<CommandResult> CreateAsync(Actor actor, int subDistrictId, string? name, string token, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, Area, async w =>
        {
            var attempted = new { subDistrictId, name };
            if (!ScreenRules.CanManageTokens(actor))
            {
                throw await w.DeniedAsync("Screen.CreateToken", "DisplayToken", null, attempted);
            }
            if (await w.ScalarAsync<int>(SubDistrictExistsSql, new { Id = subDistrictId }) == 0)
            {
                throw await w.DeniedAsync("Screen.CreateToken", "SubDistrict", subDistrictId, attempted, SubDistrictMissing);
            }
            if (TextInput.Check(name, MaxNameLength, "大屏名称", out var text) is { } nameError)
            {
                return CommandResult.Fail(nameError);
            }
            if (!DisplayTokenSecret.IsWellFormed(token))
            {
                // Only DisplayTokenSecret's 32 random bytes are accepted: a short or chosen token would be guessable.
                return CommandResult.Fail("显示令牌无效，请重试。");
            }
            var id = await w.InsertAsync(InsertSql, new
            {
                SubDistrictId = subDistrictId, Name = text, TokenHash = DisplayTokenSecret.Hash(token), CreatedBy = actor.UserId, CreatedAt = w.Now,
            });
            w.Audit("Screen.CreateToken", "DisplayToken", id, null, new { SubDistrictId = subDistrictId, Name = text });
            return CommandResult.Success(id);
        }, ct);

    /// <summary>
    /// Revokes a display token for good: the screen showing it falls to the refusal within seconds. Revoking a token
    /// that is already revoked changes nothing and says so.
    /// </summary>
    public Task<CommandResult> RevokeAsync(Actor actor, int tokenId, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, Area, async w =>
        {
            if (!ScreenRules.CanManageTokens(actor))
            {
                throw await w.DeniedAsync("Screen.RevokeToken", "DisplayToken", tokenId, null);
            }
            var token = await w.SingleOrDefaultAsync<TokenState>(TokenSql, new { Id = tokenId });
            if (token is null)
            {
                throw await w.DeniedAsync("Screen.RevokeToken", "DisplayToken", tokenId, null, TokenMissing);
            }
            if (await w.ExecuteAsync(RevokeSql, new { Id = tokenId, w.Now, actor.UserId }) == 0)
            {
                return CommandResult.Fail(AlreadyRevoked);
            }
            w.Audit("Screen.RevokeToken", "DisplayToken", tokenId, new { RevokedAt = (DateTime?)null }, new { RevokedAt = w.Now, token.SubDistrictId });
            return CommandResult.Success(tokenId);
        }, ct);

    /// <summary>What revoking a token that is already revoked answers.</summary>
    public const string AlreadyRevoked = "这个显示令牌已经撤销。";

    private const string TokenMissing = "找不到这个显示令牌。";

    private const string SubDistrictMissing = "找不到所选的街道。";

    private sealed record TokenState
    {
        public int Id { get; init; }
        public int SubDistrictId { get; init; }
        public DateTime? RevokedAt { get; init; }
    }
}
