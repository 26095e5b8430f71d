using Baihe.Data.Database;

namespace Baihe.Data.Certificates;

/// <summary>A volunteer's services in a period: each one, the total minutes, and the content line a certificate states.</summary>
public sealed record ServiceSummary(IReadOnlyList<ServiceRecord> Services, int TotalMinutes, int Count, string Content)
{
    /// <summary>The longest content line (ServiceCertificate.Content is NVARCHAR(500)).</summary>
    public const int MaxContentLength = 500;

    /// <summary>
    /// Sums <paramref name="services"/>. A service of 0 minutes (came, but the hours were set to nothing) counts neither
    /// in the total nor in the number of services. The content names each service once, by title with its area and hours,
    /// in the order first served: "老幼共读红色经典（文明创建，4 小时）；…".
    /// </summary>
    public static ServiceSummary Of(IReadOnlyList<ServiceRecord> services)
    {
        var counted = services.Where(s => s.Minutes > 0).ToList();
        var parts = counted.GroupBy(s => (s.Title, s.Area))
            .Select(g => $"{g.Key.Title}（{g.Key.Area}，{(g.Count() > 1 ? $"{g.Count()} 次，" : "")}{ServiceHours.Format(g.Sum(s => s.Minutes))} 小时）")
            .ToList();
        var content = parts.Count == 0 ? "" : string.Join("；", parts);
        if (content.Length > MaxContentLength)
        {
            // Whole parts only, then how many more, so no title is cut in the middle.
            var kept = new List<string>();
            foreach (var p in parts)
            {
                var tail = $"等 {parts.Count} 项服务";
                if (string.Join("；", kept.Append(p)).Length + tail.Length + 1 > MaxContentLength)
                {
                    break;
                }
                kept.Add(p);
            }
            content = TextInput.Cut(string.Join("；", kept) + $"；等 {parts.Count} 项服务", MaxContentLength);
        }
        return new ServiceSummary(counted, counted.Sum(s => s.Minutes), counted.Count, content);
    }
}
