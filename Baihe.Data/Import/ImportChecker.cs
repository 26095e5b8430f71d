using System.Globalization;
using Baihe.Data.Database;
using Baihe.Data.Residents;
using Baihe.Data.Teams;
using static Baihe.Data.Import.ImportLayout;

namespace Baihe.Data.Import;

/// <summary>
/// Checks every row of a roster workbook against the community and turns it into what to write. Pure: the same file
/// and the same register give the same plan, which is what makes a second import of a file write nothing.
/// <para>
/// A row is the same person as a resident already registered when the name and the phone agree (a row without a
/// phone: the name and the grid, among residents without a phone). Names repeat in any community, grids change when
/// people move, and the phone is what a secretary's sheet already carries; a same-named resident of the same grid with
/// another phone is flagged instead of guessed at.
/// </para>
/// </summary>
internal static class ImportChecker
{
    private static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    public static ImportPlan Plan(ImportFile file, ImportContext ctx, DateTime today)
    {
        var problems = new List<ImportProblem>();
        var byKey = ctx.Residents.ToLookup(r => Key(r.Name, r.Phone, r.GridId));
        var byName = ctx.Residents.ToLookup(r => r.Name, StringComparer.Ordinal);

        var newResidents = new List<ImportPlan.Resident>();
        var updated = new List<ImportPlan.Resident>();
        var unchangedResidents = 0;
        // Who a membership row may name: the residents of this file (new or matched) and, below, the register.
        var fileResidents = new Dictionary<string, (int? Id, int? NewIndex, int Row)>(StringComparer.Ordinal);
        var fileByName = new Dictionary<string, List<(int? Id, int? NewIndex, int Row)>>(StringComparer.Ordinal);
        var badResidentRows = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var line in file.Residents)
        {
            var before = problems.Count;
            void Problem(string column, string message) => problems.Add(new ImportProblem(ResidentSheet, line.Row, column, message));

            if (CheckName(line.Name, out var name) is { } nameError)
            {
                Problem(Name, nameError);
            }
            if (ResidentRules.CheckPhone(line.Phone, out var phone) is { } phoneError)
            {
                Problem(Phone, phoneError);
            }
            int gridId = 0;
            if (line.Grid.Length == 0)
            {
                Problem(Grid, "请填写网格。");
            }
            else if (!ctx.Grids.TryGetValue(line.Grid, out gridId))
            {
                Problem(Grid, $"本社区没有网格“{line.Grid}”，请从下拉列表中选择。");
            }
            var party = Flag(line.PartyMember, PartyMember, Problem);
            var lead = Flag(line.NeighbourLead, NeighbourLead, Problem);
            if (TextInput.Check(line.Skill, MaxSkillLength, Skill, out var skill, required: false) is { } skillError)
            {
                Problem(Skill, skillError);
            }
            if (problems.Count > before)
            {
                badResidentRows.TryAdd(PersonKey(name, phone), line.Row);
                continue;
            }

            var key = Key(name, phone, gridId);
            if (fileResidents.TryGetValue(key, out var first))
            {
                Problem(Name, $"与第 {first.Row} 行重复（同一居民：{Describe(name, phone)}）。");
                continue;
            }
            var row = new ImportPlan.Resident(null, name, phone, gridId, party, lead, skill.Length == 0 ? null : skill);
            (int? Id, int? NewIndex, int Row) found;
            if (byKey[key].FirstOrDefault() is { } existing)
            {
                // An empty skill keeps the registered one: a sheet without the column filled must not wipe it.
                var merged = row with { Id = existing.Id, Skill = row.Skill ?? existing.Skill };
                if (existing.GridId == merged.GridId && existing.IsPartyMember == merged.IsPartyMember
                    && existing.IsNeighbourLead == merged.IsNeighbourLead && existing.Skill == merged.Skill)
                {
                    unchangedResidents++;
                }
                else
                {
                    updated.Add(merged);
                }
                found = (existing.Id, null, line.Row);
            }
            else
            {
                var namesake = byName[name].FirstOrDefault(r => r.GridId == gridId && r.Phone != phone);
                if (namesake is not null)
                {
                    Problem(Phone, namesake.Phone is null
                        ? $"该网格已登记没有手机号的居民“{name}”。如是同一人，请清空手机号；如是另一人，请在系统中先为已登记的居民补上手机号。"
                        : $"该网格已登记居民“{name}”，手机号为 {PhoneNumber.Mask(namesake.Phone)}，与本行不同。如是同一人，请改用已登记的号码；如是另一人，请在姓名后加以区分。");
                    badResidentRows.TryAdd(PersonKey(name, phone), line.Row);
                    continue;
                }
                newResidents.Add(row);
                found = (null, newResidents.Count - 1, line.Row);
            }
            fileResidents[key] = found;
            fileResidents.TryAdd(PersonKey(name, phone), found);
            if (!fileByName.TryGetValue(name, out var list))
            {
                fileByName[name] = list = [];
            }
            list.Add(found);
        }

        var newMemberships = new List<ImportPlan.Membership>();
        var unchangedMemberships = 0;
        var active = ctx.Memberships.ToDictionary(m => (m.TeamId, m.MemberId));
        var leads = ctx.Memberships.Where(m => m.Role == RosterRole.Lead).ToDictionary(m => m.TeamId);
        var seen = new Dictionary<(int TeamId, string Person), int>();
        var leadRows = new Dictionary<int, int>();
        foreach (var line in file.Memberships)
        {
            var before = problems.Count;
            void Problem(string column, string message) => problems.Add(new ImportProblem(MembershipSheet, line.Row, column, message));

            if (CheckName(line.Name, out var name) is { } nameError)
            {
                Problem(Name, nameError);
            }
            if (ResidentRules.CheckPhone(line.Phone, out var phone) is { } phoneError)
            {
                Problem(Phone, phoneError);
            }
            int teamId = 0;
            if (line.Team.Length == 0)
            {
                Problem(Team, "请填写队伍。");
            }
            else if (!ctx.Teams.TryGetValue(line.Team, out teamId))
            {
                Problem(Team, $"本社区没有队伍“{line.Team}”，请从下拉列表中选择。");
            }
            var role = RoleCode(line.Role);
            if (role is null)
            {
                Problem(Role, "角色应为“队长”“副队长”或“队员”。");
            }
            DateTime joined = default;
            if (line.JoinedOn.Length == 0)
            {
                Problem(JoinedOn, "请填写入队日期。");
            }
            else if (!DateTime.TryParseExact(line.JoinedOn, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out joined))
            {
                Problem(JoinedOn, $"入队日期“{line.JoinedOn}”无法识别，请写成 2024-03-01 这样的日期。");
            }
            else if (DateInput.Check(joined, "入队日期", today) is { } dateError)
            {
                Problem(JoinedOn, dateError);
            }
            if (problems.Count > before)
            {
                continue;
            }

            (int? Id, int? NewIndex, int Row) person;
            if (phone is not null && fileResidents.TryGetValue(PersonKey(name, phone), out var inFile))
            {
                person = inFile;
            }
            else if (phone is null && fileByName.TryGetValue(name, out var named) && named.Count == 1)
            {
                person = named[0];
            }
            else if (badResidentRows.TryGetValue(PersonKey(name, phone), out var badRow))
            {
                Problem(Name, $"这位居民在“居民”表第 {badRow} 行有错误，请先改正那一行。");
                continue;
            }
            else
            {
                var registered = byName[name].Where(r => phone is null || r.Phone == phone).ToList();
                if (registered.Count == 1)
                {
                    person = (registered[0].Id, null, 0);
                }
                else
                {
                    Problem(registered.Count > 1 ? Phone : Name, registered.Count > 1
                        ? $"社区里有 {registered.Count} 位名叫“{name}”的居民，请填写手机号以确定是哪一位。"
                        : $"找不到居民“{Describe(name, phone)}”：请先在“居民”表中登记。");
                    continue;
                }
            }

            var personKey = person.Id is int pid ? $"#{pid}" : $"+{person.NewIndex}";
            if (seen.TryGetValue((teamId, personKey), out var firstRow))
            {
                Problem(Team, $"与第 {firstRow} 行重复（同一居民、同一队伍）。");
                continue;
            }
            seen[(teamId, personKey)] = line.Row;

            if (person.Id is int memberId && active.ContainsKey((teamId, memberId)))
            {
                // Already on the roster: the import adds people, it does not edit roles (the roster page does, with history).
                unchangedMemberships++;
                continue;
            }
            if (role == RosterRole.Lead)
            {
                if (leads.TryGetValue(teamId, out var sitting))
                {
                    Problem(Role, $"队伍“{line.Team}”已有队长“{sitting.Name}”。一支队伍只能有一名队长，请改为副队长或队员。");
                    continue;
                }
                if (leadRows.TryGetValue(teamId, out var otherLead))
                {
                    Problem(Role, $"第 {otherLead} 行已把另一人填为队伍“{line.Team}”的队长。一支队伍只能有一名队长。");
                    continue;
                }
                leadRows[teamId] = line.Row;
            }
            newMemberships.Add(new ImportPlan.Membership(person.Id, person.NewIndex, teamId, role!, joined.Date));
        }

        var counts = new ImportCounts(newResidents.Count, updated.Count, unchangedResidents, newMemberships.Count, unchangedMemberships);
        return new ImportPlan(newResidents, updated, newMemberships, counts, problems);
    }

    private static string? CheckName(string raw, out string name)
    {
        if (ResidentRules.CheckName(raw, out name) is { } error)
        {
            return error;
        }
        return name.Contains(ExampleMark, StringComparison.Ordinal) ? "这是模板的示例行，请删除或改写。" : null;
    }

    /// <summary>The identity of a resident row: name and phone, or name and grid when there is no phone.</summary>
    private static string Key(string name, string? phone, int gridId) => phone is null ? $"{name}\u0001#{gridId}" : $"{name}\u0001{phone}";

    private static string PersonKey(string name, string? phone) => $"{name}\u0002{phone}";

    private static string Describe(string name, string? phone) => phone is null ? name : $"{name}，{phone}";

    private static bool Flag(string raw, string column, Action<string, string> problem)
    {
        switch (raw.Trim().ToUpperInvariant())
        {
            case "" or No or "N" or "NO" or "0" or "FALSE" or "×":
                return false;
            case Yes or "Y" or "YES" or "1" or "TRUE" or "√":
                return true;
            default:
                problem(column, $"“{column}”应填“是”或“否”（现为“{raw}”）。");
                return false;
        }
    }

    private static string? RoleCode(string raw) => raw.Trim() switch
    {
        "队长" or RosterRole.Lead => RosterRole.Lead,
        "副队长" or RosterRole.Deputy => RosterRole.Deputy,
        "队员" or "" or RosterRole.Member => RosterRole.Member,
        _ => null,
    };
}
