namespace Baihe.Data.Tasks;

/// <summary>
/// Who takes a reopened task on: the team and the named handlers (邻长师傅 and the like). Passing one to a reopen
/// replaces the task's team and handlers; passing none keeps them.
/// </summary>
public sealed record TaskAssignment(int? TeamId, IReadOnlyCollection<int> MemberIds);
