namespace Baihe.Data.Audit;

/// <summary>One readable line of a row's before → after: a field's Chinese label and its old and new values ("" when absent).</summary>
public sealed record AuditChange(string Field, string Before, string After)
{
    /// <summary>The line as the viewer and the export show it: <c>字段：旧 → 新</c>.</summary>
    public override string ToString() =>
        Before.Length == 0 ? $"{Field}：{After}" : After.Length == 0 ? $"{Field}：{Before} → （无）" : $"{Field}：{Before} → {After}";
}
