using System.Data.Common;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Points;
using Dapper;

namespace Baihe.Data.Wishes;

/// <summary>
/// 微心愿: 发布 → 认领 → 完成 → 回访. A wish is claimed by a resident, a team or a partner unit, once: the claim is a
/// conditional update, so a second claim finds it taken. Fulfilling can credit a resident claimer, once.
/// </summary>
public sealed class WishCommands(DbConnectionFactory db, BaiheClock clock)
{
    public static readonly IReadOnlyList<string> WisherKinds = ["Elderly", "Child", "Other"];
    public static readonly IReadOnlyList<string> ClaimantKinds = ["Member", "Team", "Partner"];

    private const string GridCommunitySql = "SELECT CommunityId FROM Grid WHERE Id = @GridId;";
    private const string LeadCommunitySql = "SELECT CommunityId FROM Team WHERE Id = @TeamId;";
    private const string ResidentCommunitySql = "SELECT g.CommunityId FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE m.Id = @MemberId;";
    private const string PartnerCommunitySql = "SELECT CommunityId FROM PartnerUnit WHERE Id = @PartnerId;";
    private const string OnTeamSql = "SELECT COUNT(*) FROM Membership WHERE TeamId = @TeamId AND MemberId = @MemberId AND LeftOn IS NULL;";

    private const string InsertWishSql = """
        INSERT INTO MicroWish (GridId, WisherName, WisherKind, WisherMemberId, Content, EstimatedValue, Status, PublishedAt, CreatedByUserId)
        VALUES (@GridId, @WisherName, @WisherKind, @WisherMemberId, @Content, @EstimatedValue, 'Published', @PublishedAt, @CreatedByUserId);
        """;

    private const string InsertHistorySql = """
        INSERT INTO WishStatusHistory (WishId, FromStatus, ToStatus, ChangedAt, ChangedByUserId, Note)
        VALUES (@WishId, @FromStatus, @ToStatus, @ChangedAt, @ChangedByUserId, @Note);
        """;

    private const string WishSql = """
        SELECT w.Id, g.CommunityId, w.Status, w.Content, w.ClaimantKind, w.ClaimedByMemberId, w.ClaimedByTeamId
        FROM MicroWish w JOIN Grid g ON g.Id = w.GridId
        WHERE w.Id = @WishId;
        """;

    private const string ClaimSql = """
        UPDATE MicroWish SET Status = 'Claimed', ClaimedAt = @Now, ClaimantKind = @Kind,
               ClaimedByMemberId = @MemberId, ClaimedByTeamId = @TeamId, ClaimedByPartnerId = @PartnerId
        WHERE Id = @WishId AND Status = 'Published';
        """;

    private const string FulfilSql = """
        UPDATE MicroWish SET Status = 'Fulfilled', FulfilledAt = @Now, FulfilmentNote = @Note, PhotoPath = @PhotoPath
        WHERE Id = @WishId AND Status = 'Claimed';
        """;

    private const string VisitSql = "UPDATE MicroWish SET Status = 'Visited' WHERE Id = @WishId AND Status = 'Fulfilled';";

    private const string RuleSql = "SELECT Id, Points FROM PointRule WHERE Code = 'PerService' AND IsActive = 1;";

    private const string CreditedSql = "SELECT COUNT(*) FROM PointEntry WHERE WishId = @WishId AND MemberId = @MemberId AND Source = 'Wish';";

    private const string InsertCreditSql = """
        INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RuleId, WishId, RecordedByUserId, RecordedAt, Note)
        VALUES (@MemberId, 3, @Points, @OccurredOn, 'Wish', @RuleId, @WishId, @RecordedByUserId, @RecordedAt, @Note);
        """;

    /// <summary>发布: publishes a wish on someone's behalf.</summary>
    public async Task<CommandResult> PublishAsync(Actor actor, WishInput input, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var community = await conn.ExecuteScalarAsync<int?>(new CommandDefinition(GridCommunitySql, new { input.GridId }, tx, cancellationToken: ct));
        if (community is null)
        {
            return CommandResult.Fail("请选择所在网格。");
        }
        if (!await InCommunityAsync(conn, tx, actor, community.Value, ct))
        {
            throw await Journal.DeniedAsync(conn, tx, actor, now, "Wish.Publish", "Grid", input.GridId, input, ct);
        }
        if (Residents.ResidentRules.CheckName(input.WisherName, out var wisher) is { } nameError)
        {
            return CommandResult.Fail("心愿人：" + nameError);
        }
        var content = (input.Content ?? "").Trim();
        if (content.Length is 0 or > 200 || content.Any(char.IsControl))
        {
            return CommandResult.Fail("请填写心愿内容（不超过 200 字）。");
        }
        if (!WisherKinds.Contains(input.WisherKind))
        {
            return CommandResult.Fail("请选择心愿人类别。");
        }
        if (input.EstimatedValue is < 0 or > 100_000)
        {
            return CommandResult.Fail("估值应为 0 到 100000 元。");
        }
        var id = await SqlIdentity.InsertAsync(conn, tx, db.IsSqlite, InsertWishSql, new
        {
            input.GridId, WisherName = wisher, input.WisherKind, input.WisherMemberId, Content = content, input.EstimatedValue,
            PublishedAt = now, CreatedByUserId = LedgerCommands.UserId(actor),
        }, ct);
        await FinishAsync(conn, tx, actor, now, "Wish.Publish", id, null, "Published", null, ct);
        return CommandResult.Success(id);
    }

    /// <summary>认领: by a resident, a team or a partner unit (共建单位). A wish is claimed once.</summary>
    public async Task<CommandResult> ClaimAsync(Actor actor, int wishId, string kind, int claimantId, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var wish = await WishAsync(conn, tx, wishId, ct);
        if (wish is null)
        {
            return CommandResult.Fail("找不到这个微心愿。");
        }
        if (!ClaimantKinds.Contains(kind))
        {
            return CommandResult.Fail("请选择认领方。");
        }
        var sql = kind switch { "Member" => ResidentCommunitySql, "Team" => LeadCommunitySql, _ => PartnerCommunitySql };
        var claimantCommunity = await conn.ExecuteScalarAsync<int?>(new CommandDefinition(sql, new { MemberId = claimantId, TeamId = claimantId, PartnerId = claimantId }, tx, cancellationToken: ct));
        // A secretary claims for anyone of the community; a lead for their own team or one of its members.
        var allowed = claimantCommunity == wish.CommunityId && (actor.IsSecretaryOf(wish.CommunityId)
            || (kind == "Team" && actor.IsLeadOf(claimantId))
            || (kind == "Member" && actor.TeamId is int team && actor.Role == Roles.Lead
                && await conn.ExecuteScalarAsync<int>(new CommandDefinition(OnTeamSql, new { TeamId = team, MemberId = claimantId }, tx, cancellationToken: ct)) > 0));
        if (!allowed)
        {
            throw await Journal.DeniedAsync(conn, tx, actor, now, "Wish.Claim", "MicroWish", wishId, new { kind, claimantId }, ct);
        }
        var changed = await conn.ExecuteAsync(new CommandDefinition(ClaimSql, new
        {
            WishId = wishId, Now = now, Kind = kind,
            MemberId = kind == "Member" ? claimantId : (int?)null,
            TeamId = kind == "Team" ? claimantId : (int?)null,
            PartnerId = kind == "Partner" ? claimantId : (int?)null,
        }, tx, cancellationToken: ct));
        if (changed == 0)
        {
            return CommandResult.Fail("这个微心愿已被认领。");
        }
        await FinishAsync(conn, tx, actor, now, "Wish.Claim", wishId, "Published", "Claimed", $"{kind}:{claimantId}", ct);
        return CommandResult.Success(wishId);
    }

    /// <summary>完成: records the fulfilment (note, optional photo); a resident claimer can be credited once.</summary>
    public async Task<CommandResult> FulfilAsync(Actor actor, int wishId, string? note, string? photoPath, bool creditClaimer, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var wish = await WishAsync(conn, tx, wishId, ct);
        if (wish is null)
        {
            return CommandResult.Fail("找不到这个微心愿。");
        }
        var allowed = actor.IsSecretaryOf(wish.CommunityId)
            || (wish.ClaimedByTeamId is int team && actor.IsLeadOf(team))
            || (wish.ClaimedByMemberId is int member && actor.Role == Roles.Lead && actor.TeamId is int own
                && await conn.ExecuteScalarAsync<int>(new CommandDefinition(OnTeamSql, new { TeamId = own, MemberId = member }, tx, cancellationToken: ct)) > 0);
        if (!allowed)
        {
            throw await Journal.DeniedAsync(conn, tx, actor, now, "Wish.Fulfil", "MicroWish", wishId, new { note }, ct);
        }
        if (wish.Status != "Claimed")
        {
            return CommandResult.Fail(wish.Status == "Published" ? "请先认领，再登记完成。" : "这个微心愿已经完成。");
        }
        var text = (note ?? "").Trim();
        if (text.Length is 0 or > 500)
        {
            return CommandResult.Fail("请填写完成情况（不超过 500 字）。");
        }
        await conn.ExecuteAsync(new CommandDefinition(FulfilSql, new { WishId = wishId, Now = now, Note = text, PhotoPath = photoPath }, tx, cancellationToken: ct));
        if (creditClaimer && wish.ClaimedByMemberId is int claimer
            && await conn.ExecuteScalarAsync<int>(new CommandDefinition(CreditedSql, new { WishId = wishId, MemberId = claimer }, tx, cancellationToken: ct)) == 0)
        {
            var rule = await conn.QuerySingleOrDefaultAsync<RuleRow>(new CommandDefinition(RuleSql, transaction: tx, cancellationToken: ct));
            if (rule is not null)
            {
                await conn.ExecuteAsync(new CommandDefinition(InsertCreditSql, new
                {
                    MemberId = claimer, rule.Points, OccurredOn = now.Date, RuleId = rule.Id, WishId = wishId,
                    RecordedByUserId = LedgerCommands.UserId(actor), RecordedAt = now, Note = $"微心愿：{wish.Content}",
                }, tx, cancellationToken: ct));
                await Journal.BumpAsync(conn, tx, "Points", now, ct);
            }
        }
        await FinishAsync(conn, tx, actor, now, "Wish.Fulfil", wishId, "Claimed", "Fulfilled", text, ct);
        return CommandResult.Success(wishId);
    }

    /// <summary>回访: the secretary records the follow-up visit.</summary>
    public async Task<CommandResult> VisitAsync(Actor actor, int wishId, string? note, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var wish = await WishAsync(conn, tx, wishId, ct);
        if (wish is null)
        {
            return CommandResult.Fail("找不到这个微心愿。");
        }
        if (!actor.IsSecretaryOf(wish.CommunityId))
        {
            throw await Journal.DeniedAsync(conn, tx, actor, now, "Wish.Visit", "MicroWish", wishId, null, ct);
        }
        if (await conn.ExecuteAsync(new CommandDefinition(VisitSql, new { WishId = wishId }, tx, cancellationToken: ct)) == 0)
        {
            return CommandResult.Fail("只有已完成的微心愿才能回访。");
        }
        await FinishAsync(conn, tx, actor, now, "Wish.Visit", wishId, "Fulfilled", "Visited", string.IsNullOrWhiteSpace(note) ? null : note.Trim(), ct);
        return CommandResult.Success(wishId);
    }

    private static Task<WishScope?> WishAsync(DbConnection conn, DbTransaction tx, int wishId, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<WishScope>(new CommandDefinition(WishSql, new { WishId = wishId }, tx, cancellationToken: ct));

    private async Task<bool> InCommunityAsync(DbConnection conn, DbTransaction tx, Actor actor, int communityId, CancellationToken ct) =>
        actor.IsSecretaryOf(communityId)
        || (actor.Role == Roles.Lead && actor.TeamId is int team
            && await conn.ExecuteScalarAsync<int?>(new CommandDefinition(LeadCommunitySql, new { TeamId = team }, tx, cancellationToken: ct)) == communityId);

    private static async Task FinishAsync(DbConnection conn, DbTransaction tx, Actor actor, DateTime now, string action, int wishId, string? from, string to, string? note, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(InsertHistorySql, new
        {
            WishId = wishId, FromStatus = from, ToStatus = to, ChangedAt = now, ChangedByUserId = LedgerCommands.UserId(actor), Note = note,
        }, tx, cancellationToken: ct));
        await Journal.AuditAsync(conn, tx, actor, now, action, "MicroWish", wishId, from is null ? null : new { Status = from }, new { Status = to, Note = note }, ct);
        await Journal.BumpAsync(conn, tx, "Wishes", now, ct);
        await tx.CommitAsync(ct);
    }

    private sealed record WishScope
    {
        public int Id { get; init; }
        public int CommunityId { get; init; }
        public string Status { get; init; } = "";
        public string Content { get; init; } = "";
        public string? ClaimantKind { get; init; }
        public int? ClaimedByMemberId { get; init; }
        public int? ClaimedByTeamId { get; init; }
    }

    private sealed record RuleRow
    {
        public int Id { get; init; }
        public int Points { get; init; }
    }
}
