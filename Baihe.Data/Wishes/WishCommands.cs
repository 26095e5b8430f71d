using Baihe.Data.Summaries;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Notifications;
using Baihe.Data.Points;
using Baihe.Data.Tasks;

namespace Baihe.Data.Wishes;

/// <summary>
/// 微心愿: 发布 → 认领 → 完成 → 回访. A wish is claimed by a resident, a team or a partner unit, once: the claim is a
/// conditional update, so a second claim finds it taken. Fulfilling can credit a resident claimer, once. Who may take
/// each step is answered by <see cref="WishRules"/>; an id that does not exist or lies in another community is refused.
/// </summary>
public sealed class WishCommands(DbConnectionFactory db, BaiheClock clock, EmailOutbox? email = null)
{
    public static readonly IReadOnlyList<string> WisherKinds = ["Elderly", "Child", "Other"];
    public static readonly IReadOnlyList<string> ClaimantKinds = ["Member", "Team", "Partner"];

    private const string GridCommunitySql = "SELECT CommunityId FROM Grid WHERE Id = @GridId;";

    private const string InsertWishSql = """
        INSERT INTO MicroWish (GridId, WisherName, WisherKind, WisherMemberId, Content, EstimatedValue, Status, PublishedAt, CreatedByUserId)
        VALUES (@GridId, @WisherName, @WisherKind, @WisherMemberId, @Content, @EstimatedValue, 'Published', @PublishedAt, @CreatedByUserId);
        """;

    private const string InsertHistorySql = """
        INSERT INTO WishStatusHistory (WishId, FromStatus, ToStatus, ChangedAt, ChangedByUserId, Note)
        VALUES (@WishId, @FromStatus, @ToStatus, @ChangedAt, @ChangedByUserId, @Note);
        """;

    private const string WishSql = "SELECT Status, Content FROM MicroWish WHERE Id = @WishId;";

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

    // A wish's credit counts under 邻里互助.
    private const int WishCategoryId = 3;

    private const string NoWish = "找不到这个微心愿。";

    private const string AlreadyFulfilled = "这个微心愿已经完成。";

    // Column lengths of database/sqlserver/0001_Schema.sql (NVARCHAR counts UTF-16 units, as TextInput does).
    private const int WisherNameMax = 20;  // MicroWish.WisherName
    private const int ContentMax = 200;    // MicroWish.Content
    private const int NoteMax = 500;       // MicroWish.FulfilmentNote and WishStatusHistory.Note
    private const int LedgerNoteMax = 200; // PointEntry.Note

    /// <summary>发布: publishes a wish on someone's behalf.</summary>
    public Task<CommandResult> PublishAsync(Actor actor, WishInput input, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Wishes", async w =>
        {
            var community = await w.ScalarAsync<int?>(GridCommunitySql, new { input.GridId });
            if (community is null)
            {
                // No choice made is a form to finish; an id that names no grid was not offered by any page.
                return input.GridId <= 0
                    ? CommandResult.Fail("请选择所在网格。")
                    : throw await w.DeniedAsync("Wish.Publish", "Grid", input.GridId, input, "找不到这个网格。");
            }
            var place = await TaskWorkflowQueries.IntakeScopeAsync(w.Connection, w.Transaction, actor, community.Value, w.CancellationToken);
            if (!WishRules.CanPublish(actor, place))
            {
                throw await w.DeniedAsync("Wish.Publish", "Grid", input.GridId, input);
            }
            if (TextInput.Check(input.WisherName, WisherNameMax, "心愿人", out var wisher) is { } nameError)
            {
                return CommandResult.Fail(nameError);
            }
            if (TextInput.Check(input.Content, ContentMax, "心愿内容", out var content) is { } contentError)
            {
                return CommandResult.Fail(contentError);
            }
            if (!WisherKinds.Contains(input.WisherKind))
            {
                return CommandResult.Fail("请选择心愿人类别。");
            }
            if (input.EstimatedValue is < 0 or > 100_000)
            {
                return CommandResult.Fail("估值应为 0 到 100000 元。");
            }
            var id = await w.InsertAsync(InsertWishSql, new
            {
                input.GridId, WisherName = wisher, input.WisherKind, input.WisherMemberId, Content = content, input.EstimatedValue,
                PublishedAt = w.Now, CreatedByUserId = LedgerCommands.UserId(actor),
            });
            await ChangedAsync(w, "Wish.Publish", id, null, "Published", null);
            return CommandResult.Success(id);
        }, ct);

    /// <summary>认领: by a resident, a team or a partner unit (共建单位). A wish is claimed once.</summary>
    public Task<CommandResult> ClaimAsync(Actor actor, int wishId, string kind, int claimantId, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Wishes", async w =>
        {
            var wish = await WishAsync(w, wishId, "Wish.Claim");
            if (!ClaimantKinds.Contains(kind))
            {
                return CommandResult.Fail("请选择认领方。");
            }
            var claimant = await WishDetailQueries.ClaimantAsync(w.Connection, w.Transaction, kind, claimantId, w.CancellationToken);
            if (claimant is null || claimant.CommunityId != wish.Scope.CommunityId)
            {
                throw await w.DeniedAsync("Wish.Claim", kind, claimantId, new { wishId }, kind switch
                {
                    "Member" => "找不到这位居民。",
                    "Team" => "找不到这支队伍。",
                    _ => "找不到这个共建单位。",
                });
            }
            if (!WishRules.CanClaim(actor, wish.Scope, claimant))
            {
                throw await w.DeniedAsync("Wish.Claim", "MicroWish", wishId, new { kind, claimantId });
            }
            var changed = await w.ExecuteAsync(ClaimSql, new
            {
                WishId = wishId, w.Now, Kind = kind,
                MemberId = kind == "Member" ? claimantId : (int?)null,
                TeamId = kind == "Team" ? claimantId : (int?)null,
                PartnerId = kind == "Partner" ? claimantId : (int?)null,
            });
            if (changed == 0)
            {
                return CommandResult.Fail("这个微心愿已被认领。");
            }
            // The timeline is read by people: it names the claimer, never its id.
            var name = await w.ScalarAsync<string?>(WishDetailQueries.ClaimantNameSql(kind), new { Id = claimantId });
            await ChangedAsync(w, "Wish.Claim", wishId, "Published", "Claimed", WishDetailQueries.ClaimNote(kind, name));
            if (kind == "Team")
            {
                await NotificationWriter.WishClaimedAsync(w, wishId, claimantId, wish.Scope.CommunityId, email);
            }
            return CommandResult.Success(wishId);
        }, ct);

    /// <summary>完成: records the fulfilment (note, optional photo); a resident claimer can be credited once.</summary>
    public Task<CommandResult> FulfilAsync(Actor actor, int wishId, string? note, string? photoPath, bool creditClaimer, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Wishes", async w =>
        {
            var wish = await WishAsync(w, wishId, "Wish.Fulfil");
            if (!WishRules.CanFulfil(actor, wish.Scope))
            {
                throw await w.DeniedAsync("Wish.Fulfil", "MicroWish", wishId, new { note });
            }
            if (wish.State.Status != "Claimed")
            {
                return CommandResult.Fail(wish.State.Status == "Published" ? "请先认领，再登记完成。" : AlreadyFulfilled);
            }
            if (TextInput.Check(note, NoteMax, "完成情况", out var text, multiline: true) is { } error)
            {
                return CommandResult.Fail(error);
            }
            // The status read above is not a lock: on SQL Server a second user can read "Claimed" too. The update is
            // conditional on it, and the one that changes no row lost the race and writes nothing.
            if (await w.ExecuteAsync(FulfilSql, new { WishId = wishId, w.Now, Note = text, PhotoPath = photoPath }) == 0)
            {
                return CommandResult.Fail(AlreadyFulfilled);
            }
            if (creditClaimer && wish.Scope.ClaimedByMemberId is int claimer
                && await w.ScalarAsync<int>(CreditedSql, new { WishId = wishId, MemberId = claimer }) == 0
                && await w.SingleOrDefaultAsync<RuleRow>(RuleSql) is { } rule)
            {
                try
                {
                    await PointLedger.AppendAsync(w, new NewPointEntry(claimer, WishCategoryId, rule.Points, w.Now.Date, PointSource.Wish)
                    {
                        RuleId = rule.Id, WishId = wishId, RecordedByUserId = LedgerCommands.UserId(actor),
                        // Composed from the content (up to 200) and a prefix, for a 200-unit column: cut, at a character boundary.
                        Note = TextInput.Cut("微心愿：" + wish.State.Content, LedgerNoteMax),
                    });
                }
                catch (Exception e) when (UniqueViolation.Is(e))
                {
                    // UX_PointEntry_WishMember refused a credit another transaction wrote after the check above.
                    return CommandResult.Fail("认领的志愿者已由他人同时记分，请刷新后查看。");
                }
                w.AlsoBump("Points");
            }
            await ChangedAsync(w, "Wish.Fulfil", wishId, "Claimed", "Fulfilled", text);
            return CommandResult.Success(wishId);
        }, ct);

    /// <summary>回访: the secretary records the follow-up visit.</summary>
    public Task<CommandResult> VisitAsync(Actor actor, int wishId, string? note, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Wishes", async w =>
        {
            var wish = await WishAsync(w, wishId, "Wish.Visit");
            if (!WishRules.CanVisit(actor, wish.Scope))
            {
                throw await w.DeniedAsync("Wish.Visit", "MicroWish", wishId, null);
            }
            if (TextInput.Check(note, NoteMax, "回访记录", out var text, required: false, multiline: true) is { } error)
            {
                return CommandResult.Fail(error);
            }
            if (await w.ExecuteAsync(VisitSql, new { WishId = wishId }) == 0)
            {
                return CommandResult.Fail("只有已完成的微心愿才能回访。");
            }
            await ChangedAsync(w, "Wish.Visit", wishId, "Fulfilled", "Visited", text.Length == 0 ? null : text);
            return CommandResult.Success(wishId);
        }, ct);

    /// <summary>
    /// The wish's state and its rule scope, or a refusal (audited) when there is no such wish: a forged id is never
    /// replaced by another.
    /// </summary>
    private static async Task<(WishState State, WishScope Scope)> WishAsync(WriteScope w, int wishId, string action)
    {
        var state = await w.SingleOrDefaultAsync<WishState>(WishSql, new { WishId = wishId });
        var scope = state is null ? null : await WishDetailQueries.ScopeAsync(w.Connection, w.Transaction, wishId, w.CancellationToken);
        if (state is null || scope is null)
        {
            throw await w.DeniedAsync(action, "MicroWish", wishId, null, NoWish);
        }
        return (state, scope);
    }

    /// <summary>Every status change is a history row and an audit row.</summary>
    private static async Task ChangedAsync(WriteScope w, string action, int wishId, string? from, string to, string? note)
    {
        await w.ExecuteAsync(InsertHistorySql, new
        {
            WishId = wishId, FromStatus = from, ToStatus = to, ChangedAt = w.Now, ChangedByUserId = LedgerCommands.UserId(w.Actor), Note = note,
        });
        w.Audit(action, "MicroWish", wishId, from is null ? null : new { Status = from }, new { Status = to, Note = note });
    }

    private sealed record WishState
    {
        public string Status { get; init; } = "";
        public string Content { get; init; } = "";
    }

    private sealed record RuleRow
    {
        public int Id { get; init; }
        public int Points { get; init; }
    }
}
