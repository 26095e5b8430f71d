namespace Baihe.Bench.Scale;

/// <summary>How big a scaled data set to generate, so the dashboard's queries are measured at a sub-district's size.</summary>
public sealed record ScaleOptions(int Communities, int Residents, int Ledger, int Tasks, int Wishes)
{
    /// <summary>The sub-district-sized default: 30 communities, 60,000 residents, 1M ledger entries.</summary>
    public static ScaleOptions Default => new(30, 60_000, 1_000_000, 50_000, 100_000);

    /// <summary>The fewest residents a community needs to staff its twelve teams and 百合邻长.</summary>
    public const int MinResidentsPerCommunity = 50;

    /// <summary>Null when the sizes make sense, else the reason in Chinese for the user.</summary>
    public string? Validate()
    {
        if (Communities is < 1 or > 1000)
        {
            return "--communities 应在 1 到 1000 之间。";
        }
        if (Residents < Communities * (long)MinResidentsPerCommunity || Residents > 10_000_000)
        {
            return $"--residents 应至少为每个社区 {MinResidentsPerCommunity} 人（即 {Communities * MinResidentsPerCommunity} 人），且不超过 10000000。";
        }
        if (Ledger is < 0 or > 100_000_000)
        {
            return "--ledger 应在 0 到 100000000 之间。";
        }
        if (Tasks is < 0 or > 10_000_000)
        {
            return "--tasks 应在 0 到 10000000 之间。";
        }
        if (Wishes is < 0 or > 10_000_000)
        {
            return "--wishes 应在 0 到 10000000 之间。";
        }
        return null;
    }
}
