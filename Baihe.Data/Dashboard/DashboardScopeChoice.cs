namespace Baihe.Data.Dashboard;

/// <summary>Either the resolved <see cref="Scope"/> or a Chinese <see cref="Refusal"/> (audited); never both.</summary>
public sealed record DashboardScopeChoice(DashboardScope? Scope, string? Refusal)
{
    /// <summary>A sub-district in a link that does not exist or that the actor may not read.</summary>
    public const string SubDistrictRefused = "找不到这个街道，或您无权查看它。链接可能有误，请从菜单重新进入。";

    /// <summary>A grid that does not exist, is outside the actor's scope, or is not in the chosen community.</summary>
    public const string GridRefused = "找不到这个网格，或它不属于所选社区。链接可能有误，请从菜单重新进入。";
}
