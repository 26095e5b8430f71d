using Baihe.Data.Summaries;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Residents;

namespace Baihe.Data.Points;

/// <summary>
/// 积分兑换: redeeming a reward writes a negative ledger entry. The balance is checked inside the writing
/// transaction while the member is locked (SQLite: BEGIN IMMEDIATE holds the database's write lock; SQL Server:
/// UPDLOCK, HOLDLOCK on the member row), so concurrent redemptions can never overdraw it. An idempotency key makes
/// a double click one redemption.
/// </summary>
public sealed class ExchangeCommands(DbConnectionFactory db, BaiheClock clock)
{
    /// <summary>
    /// Ledger rows need an area; a redemption is booked to 邻里互助. By-area figures count earnings only, so this
    /// never shows up as an area's points.
    /// </summary>
    public const int RedemptionCategoryId = 3;

    private const string ExistingKeySql = "SELECT Id, MemberId FROM Redemption WHERE IdempotencyKey = @Key;";

    private const string RewardSql = "SELECT Id, CommunityId, Name, PointCost, IsActive FROM Reward WHERE Id = @RewardId;";

    private const string InsertRedemptionSql = """
        INSERT INTO Redemption (MemberId, RewardId, Points, IdempotencyKey, Status, RequestedAt, RecordedByUserId)
        VALUES (@MemberId, @RewardId, @Points, @Key, 'Pending', @RequestedAt, @RecordedByUserId);
        """;

    private const string RedemptionScopeSql = """
        SELECT r.Id, r.Status, rw.CommunityId FROM Redemption r JOIN Reward rw ON rw.Id = r.RewardId WHERE r.Id = @Id;
        """;

    private const string FulfilSql = "UPDATE Redemption SET Status = 'Fulfilled', FulfilledAt = @Now WHERE Id = @Id AND Status = 'Pending';";

    private const string InsertRewardSql = """
        INSERT INTO Reward (CommunityId, Name, PointCost, IsActive, Description) VALUES (@CommunityId, @Name, @PointCost, @IsActive, @Description);
        """;

    private const string UpdateRewardSql = """
        UPDATE Reward SET Name = @Name, PointCost = @PointCost, IsActive = @IsActive, Description = @Description
        WHERE Id = @Id AND CommunityId = @CommunityId AND CAST(RowVersion AS BIGINT) = @RowVersion;
        """;

    private const string RewardNameTakenSql = "SELECT COUNT(*) FROM Reward WHERE CommunityId = @CommunityId AND Name = @Name AND Id <> @Id;";

    /// <summary>Redeems a reward for a resident; the same <paramref name="idempotencyKey"/> twice is one redemption.</summary>
    public Task<CommandResult> RedeemAsync(Actor actor, int memberId, int rewardId, string idempotencyKey, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 64)
        {
            return Task.FromResult(CommandResult.Fail(KeyInvalid));
        }
        return WriteTransaction.RunAsync(db, clock, actor, "Points", async w =>
        {
            // The member lock first, so a double click waits here and then finds its own key below.
            await Balances.LockAsync(w, memberId);
            var existing = await w.SingleOrDefaultAsync<KeyRow>(ExistingKeySql, new { Key = idempotencyKey });
            if (existing is not null)
            {
                // One intent, one redemption: the page makes a request key when its redemption form opens, and the key
                // is UNIQUE in the table (UQ_Redemption_IdempotencyKey, since the first schema, with the SQLite length
                // trigger of 0007), so no new migration is needed. A repeat is answered as a success naming the first
                // redemption, with a warning, rather than as an error: the user's intent did succeed, once.
                return existing.MemberId == memberId
                    ? new CommandResult(true, Warning: AlreadySubmitted, Id: existing.Id)
                    : CommandResult.Fail(KeyInvalid);
            }
            var member = await ResidentQueries.ScopeAsync(w, memberId);
            if (member is null)
            {
                throw await w.DeniedAsync("Points.Redeem", "Member", memberId, new { rewardId }, LedgerCommands.MemberMissing);
            }
            if (!PointsRules.CanActFor(actor, member))
            {
                throw await w.DeniedAsync("Points.Redeem", "Member", memberId, new { rewardId });
            }
            var reward = await w.SingleOrDefaultAsync<RewardRow>(RewardSql, new { RewardId = rewardId });
            if (reward is null || reward.CommunityId != member.CommunityId)
            {
                // The page offers only this community's rewards: another id was forged or has gone.
                throw await w.DeniedAsync("Points.Redeem", "Reward", rewardId, new { memberId }, RewardMissing);
            }
            if (!reward.IsActive)
            {
                return CommandResult.Fail($"“{reward.Name}”已停用，暂不能兑换。");
            }
            var balance = await Balances.LockAndReadAsync(w, memberId);
            if (balance < reward.PointCost)
            {
                return CommandResult.Fail($"积分不足：当前 {balance} 分，兑换“{reward.Name}”需要 {reward.PointCost} 分。");
            }
            int redemptionId;
            try
            {
                redemptionId = await w.InsertAsync(InsertRedemptionSql, new
                {
                    MemberId = memberId, RewardId = rewardId, Points = reward.PointCost, Key = idempotencyKey,
                    RequestedAt = w.Now, RecordedByUserId = LedgerCommands.UserId(actor),
                });
            }
            catch (Exception e) when (UniqueViolation.Is(e))
            {
                // The same key for another resident, committed after the key lookup above (the member lock covers
                // only this resident): the unique key refuses it, with the message the lookup gives.
                return CommandResult.Fail(KeyInvalid);
            }
            await PointLedger.AppendAsync(w, new NewPointEntry(memberId, RedemptionCategoryId, -reward.PointCost, w.Now.Date, PointSource.Redemption)
            {
                RedemptionId = redemptionId, RecordedByUserId = LedgerCommands.UserId(actor), Note = $"兑换{reward.Name}",
            });
            w.Audit("Points.Redeem", "Redemption", redemptionId, new { Balance = balance },
                new { memberId, rewardId, reward.PointCost, Balance = balance - reward.PointCost });
            return CommandResult.Success(redemptionId);
        }, ct);
    }

    /// <summary>Marks a redemption as handed over (待兑现 → 已兑现); the community's secretary does this.</summary>
    public Task<CommandResult> FulfilAsync(Actor actor, int redemptionId, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Points", async w =>
        {
            var r = await w.SingleOrDefaultAsync<RedemptionRow>(RedemptionScopeSql, new { Id = redemptionId });
            if (r is null)
            {
                throw await w.DeniedAsync("Points.Fulfil", "Redemption", redemptionId, null, "找不到这条兑换记录。");
            }
            if (!PointsRules.CanFulfil(actor, r.CommunityId))
            {
                throw await w.DeniedAsync("Points.Fulfil", "Redemption", redemptionId, null);
            }
            if (await w.ExecuteAsync(FulfilSql, new { Id = redemptionId, w.Now }) == 0)
            {
                return CommandResult.Fail("这条兑换已经兑现。");
            }
            w.Audit("Points.Fulfil", "Redemption", redemptionId, new { Status = "Pending" }, new { Status = "Fulfilled" });
            return CommandResult.Success(redemptionId);
        }, ct);

    /// <summary>Adds a reward (<paramref name="rewardId"/> null) or edits one; secretaries keep their community's catalogue.</summary>
    public Task<CommandResult> SaveRewardAsync(Actor actor, int communityId, int? rewardId, string? name, int pointCost, bool isActive,
        string? description, long rowVersion, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            var attempted = new { name, pointCost, isActive };
            if (!PointsRules.CanKeepCatalogue(actor, communityId))
            {
                throw await w.DeniedAsync("Points.SaveReward", "Reward", rewardId, attempted);
            }
            if (rewardId is int known)
            {
                var current = await w.SingleOrDefaultAsync<RewardRow>(RewardSql, new { RewardId = known });
                if (current is null || current.CommunityId != communityId)
                {
                    throw await w.DeniedAsync("Points.SaveReward", "Reward", rewardId, attempted, RewardMissing);
                }
            }
            if (TextInput.Check(name, MaxRewardNameLength, "兑换项目名称", out var text) is { } nameError)
            {
                return CommandResult.Fail(nameError);
            }
            if (pointCost is <= 0 or > MaxPointCost)
            {
                return CommandResult.Fail($"所需积分应为 1 到 {MaxPointCost} 之间的整数。");
            }
            if (TextInput.Check(description, MaxDescriptionLength, "说明", out var described, required: false) is { } descriptionError)
            {
                return CommandResult.Fail(descriptionError);
            }
            var about = described.Length == 0 ? null : described;
            var nameTaken = $"已有名为“{text}”的兑换项目。";
            if (await w.ScalarAsync<int>(RewardNameTakenSql, new { CommunityId = communityId, Name = text, Id = rewardId ?? 0 }) > 0)
            {
                return CommandResult.Fail(nameTaken);
            }
            int id;
            try
            {
                id = await SaveAsync();
            }
            catch (Exception e) when (UniqueViolation.Is(e))
            {
                // Another secretary saved the same name after the check above: UQ_Reward_Name refuses it.
                return CommandResult.Fail(nameTaken);
            }
            if (id == 0)
            {
                return CommandResult.Stale();
            }
            w.Audit("Points.SaveReward", "Reward", id, null, new { Name = text, PointCost = pointCost, IsActive = isActive });
            return CommandResult.Success(id);

            async Task<int> SaveAsync()
            {
                if (rewardId is not int existing)
                {
                    return await w.InsertAsync(InsertRewardSql,
                        new { CommunityId = communityId, Name = text, PointCost = pointCost, IsActive = isActive, Description = about });
                }
                var changed = await w.ExecuteAsync(UpdateRewardSql, new
                {
                    Id = existing, CommunityId = communityId, Name = text, PointCost = pointCost, IsActive = isActive, Description = about, RowVersion = rowVersion,
                });
                return changed == 0 ? 0 : existing;
            }
        }, ct);

    /// <summary>The longest reward name (Reward.Name is NVARCHAR(50)).</summary>
    public const int MaxRewardNameLength = 50;

    /// <summary>The longest reward description (Reward.Description is NVARCHAR(200)).</summary>
    public const int MaxDescriptionLength = 200;

    /// <summary>The most points a reward may cost.</summary>
    public const int MaxPointCost = 10_000;

    private const string RewardMissing = "找不到本社区的这个兑换项目。";

    /// <summary>The warning on a repeated submit of one redemption form (same request key): nothing more was deducted.</summary>
    public const string AlreadySubmitted = "这次兑换已经提交过了，没有重复扣分。";

    private const string KeyInvalid = "兑换请求无效，请刷新页面后重试。";

    private sealed record KeyRow
    {
        public int Id { get; init; }
        public int MemberId { get; init; }
    }

    private sealed record RewardRow
    {
        public int Id { get; init; }
        public int CommunityId { get; init; }
        public string Name { get; init; } = "";
        public int PointCost { get; init; }
        public bool IsActive { get; init; }
    }

    private sealed record RedemptionRow
    {
        public int Id { get; init; }
        public string Status { get; init; } = "";
        public int CommunityId { get; init; }
    }
}
