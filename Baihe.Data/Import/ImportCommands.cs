using System.Data.Common;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Import;

/// <summary>
/// Imports a roster workbook (already read into rows) into one community: <see cref="PreviewAsync"/> checks every row
/// and writes nothing; <see cref="CommitAsync"/> checks again inside one transaction against the register as it is at
/// that moment and writes all of it or nothing. Both ask <see cref="ImportRules.CanImport"/>; a refusal is audited.
/// </summary>
public sealed class ImportCommands(DbConnectionFactory db, BaiheClock clock)
{
    /// <summary>What a refused commit of a file with problems says; the preview lists them.</summary>
    public const string HasProblems = "文件中有错误，未导入任何数据。请下载错误清单，改正后重新上传。";

    private const string CommunityMissing = "找不到这个社区。";

    private const string CommunitySql = "SELECT c.Id FROM Community c WHERE c.Id = @CommunityId;";

    // Two imports into one community must not both read the register before either writes, or a file committed twice at
    // once would register its people twice. SQLite's write transactions already hold the database's write lock
    // (BEGIN IMMEDIATE); on SQL Server the community row is locked to the end of the transaction.
    private const string LockCommunitySqlServer = "SELECT c.Id FROM Community c WITH (UPDLOCK, HOLDLOCK) WHERE c.Id = @CommunityId;";

    private const string GridsSql = "SELECT g.Name, g.Id FROM Grid g WHERE g.CommunityId = @CommunityId;";

    private const string TeamsSql = "SELECT t.Name, t.Id FROM Team t WHERE t.CommunityId = @CommunityId;";

    private const string ResidentsSql = """
        SELECT m.Id, m.Name, m.Phone, m.GridId, m.IsPartyMember, m.IsNeighbourLead, m.Skill
        FROM Member m
        JOIN Grid g ON g.Id = m.GridId
        WHERE g.CommunityId = @CommunityId;
        """;

    private const string MembershipsSql = """
        SELECT ms.TeamId, ms.MemberId, ms.Role, m.Name
        FROM Membership ms
        JOIN Team t ON t.Id = ms.TeamId
        JOIN Member m ON m.Id = ms.MemberId
        WHERE t.CommunityId = @CommunityId AND ms.LeftOn IS NULL;
        """;

    private const string InsertResidentSql = """
        INSERT INTO Member (GridId, Name, Phone, IsPartyMember, IsRetiredSoe, IsNeighbourLead, Skill, IsSample, CreatedAt)
        VALUES (@GridId, @Name, @Phone, @IsPartyMember, 0, @IsNeighbourLead, @Skill, 0, @CreatedAt);
        """;

    private const string UpdateResidentSql = """
        UPDATE Member SET GridId = @GridId, IsPartyMember = @IsPartyMember, IsNeighbourLead = @IsNeighbourLead, Skill = @Skill
        WHERE Id = @Id;
        """;

    private const string InsertMembershipSql = """
        INSERT INTO Membership (TeamId, MemberId, Role, JoinedOn) VALUES (@TeamId, @MemberId, @Role, @JoinedOn);
        """;

    /// <summary>
    /// Checks every row of <paramref name="file"/> against the community's register and says what a commit would write.
    /// Writes nothing, except the audit row of a refusal (<see cref="AccessDeniedException"/>).
    /// </summary>
    public async Task<ImportPreview> PreviewAsync(Actor actor, int communityId, ImportFile file, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var exists = await conn.ExecuteScalarAsync<int?>(new CommandDefinition(CommunitySql, new { CommunityId = communityId }, tx, cancellationToken: ct));
        if (exists is null || !ImportRules.CanImport(actor, new ImportTarget(communityId)))
        {
            throw await Journal.DeniedAsync(conn, tx, actor, now, "Import.Preview", "Community", communityId,
                new { file.FileName, file.Sha256 }, ct, exists is null ? CommunityMissing : null);
        }
        var plan = ImportChecker.Plan(file, await ContextAsync(conn, tx, communityId, ct), now.Date);
        await tx.RollbackAsync(ct);
        return new ImportPreview(plan.Counts, plan.Problems);
    }

    /// <summary>
    /// Writes the file's new residents, changed residents and new roster places in one transaction, after checking
    /// every row again; any problem writes nothing (<see cref="HasProblems"/>). One audit row records the file's name,
    /// SHA-256 and the counts. A second commit of the same file finds everything in place and writes only that audit row.
    /// </summary>
    public Task<CommandResult> CommitAsync(Actor actor, int communityId, ImportFile file, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Roster", async w =>
        {
            var exists = await w.ScalarAsync<int?>(w.IsSqlite ? CommunitySql : LockCommunitySqlServer, new { CommunityId = communityId });
            if (exists is null)
            {
                throw await w.DeniedAsync("Import.Commit", "Community", communityId, new { file.FileName, file.Sha256 }, CommunityMissing);
            }
            if (!ImportRules.CanImport(actor, new ImportTarget(communityId)))
            {
                throw await w.DeniedAsync("Import.Commit", "Community", communityId, new { file.FileName, file.Sha256 });
            }
            var plan = ImportChecker.Plan(file, await ContextAsync(w.Connection, w.Transaction, communityId, w.CancellationToken), w.Now.Date);
            if (plan.Problems.Count > 0)
            {
                return CommandResult.Fail(HasProblems);
            }

            var newIds = new int[plan.NewResidents.Count];
            for (var i = 0; i < newIds.Length; i++)
            {
                var r = plan.NewResidents[i];
                newIds[i] = await w.InsertAsync(InsertResidentSql,
                    new { r.GridId, r.Name, r.Phone, r.IsPartyMember, r.IsNeighbourLead, r.Skill, CreatedAt = w.Now });
            }
            foreach (var r in plan.UpdatedResidents)
            {
                await w.ExecuteAsync(UpdateResidentSql,
                    new { r.GridId, r.IsPartyMember, r.IsNeighbourLead, r.Skill, r.Id });
            }
            foreach (var m in plan.NewMemberships)
            {
                var memberId = m.MemberId ?? newIds[m.NewResidentIndex!.Value];
                await w.ExecuteAsync(InsertMembershipSql, new { m.TeamId, MemberId = memberId, m.Role, m.JoinedOn });
            }
            var c = plan.Counts;
            w.Audit("Import.Commit", "Community", communityId, null, new
            {
                file.FileName,
                file.Sha256,
                c.NewResidents,
                c.UpdatedResidents,
                c.UnchangedResidents,
                c.NewMemberships,
                c.UnchangedMemberships,
            });
            return CommandResult.Success(communityId);
        }, ct);

    private static async Task<ImportContext> ContextAsync(DbConnection conn, DbTransaction tx, int communityId, CancellationToken ct)
    {
        var args = new { CommunityId = communityId };
        CommandDefinition Command(string sql) => new(sql, args, tx, cancellationToken: ct);
        var grids = (await conn.QueryAsync<(string Name, int Id)>(Command(GridsSql))).ToDictionary(g => g.Name, g => g.Id, StringComparer.Ordinal);
        var teams = (await conn.QueryAsync<(string Name, int Id)>(Command(TeamsSql))).ToDictionary(t => t.Name, t => t.Id, StringComparer.Ordinal);
        var residents = (await conn.QueryAsync<ExistingResident>(Command(ResidentsSql))).AsList();
        var memberships = (await conn.QueryAsync<ActiveMembership>(Command(MembershipsSql))).AsList();
        return new ImportContext(grids, teams, residents, memberships);
    }
}
