using Baihe.Data.Communities;
using Baihe.Data.Database;

namespace Baihe.Data.Members;

/// <summary>
/// What the /members page shows: the community (or a <see cref="Refusal"/> when its id was refused), one page of
/// residents, the choices of the grid and team filters, and the problems found in the link's values.
/// </summary>
public sealed record MemberList(
    CommunityRow? Community,
    string? Refusal,
    ListPage<MemberListRow> Page,
    IReadOnlyList<NamedOption> Grids,
    IReadOnlyList<NamedOption> Teams,
    IReadOnlyList<string> Problems);
