using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Members;

namespace Baihe.Data.Leaders;

/// <summary>
/// What the /leaders page shows: the community (or a <see cref="Refusal"/>), the half-year its figures cover, the leads
/// that match the filters, how many leads the community has, the grids to filter by and the link's problems.
/// </summary>
public sealed record LeaderList(
    CommunityRow? Community,
    string? Refusal,
    Period Period,
    IReadOnlyList<LeaderRow> Rows,
    int AllLeads,
    IReadOnlyList<NamedOption> Grids,
    IReadOnlyList<string> Problems);
