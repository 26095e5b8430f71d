using Baihe.Data.Tasks;
using Baihe.Data.Wishes;

namespace Baihe.Data.Communities;

/// <summary>A grid's page: its figures, its 邻长, its open tasks and its latest wishes.</summary>
public sealed record GridDetail(GridSummary Grid, IReadOnlyList<GridLead> Leads, IReadOnlyList<TaskRow> OpenTasks, IReadOnlyList<WishRow> Wishes);
