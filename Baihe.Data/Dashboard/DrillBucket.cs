using System.Globalization;

namespace Baihe.Data.Dashboard;

/// <summary>
/// The clicked part of a chart, as text: <c>all</c>, or <c>key=value</c> pairs joined by ';' with the keys
/// <c>month</c> (yyyy-MM, inside the filter's period), <c>community</c>, <c>team</c>, <c>area</c> (ids), <c>stage</c>
/// and <c>status</c> (codes). Unknown keys or unreadable values make the bucket malformed, so a forged bucket is
/// refused rather than read as a different list.
/// </summary>
public sealed record DrillBucket(DateTime? Month, int? CommunityId, int? TeamId, int? AreaId, string? Stage, string? Status)
{
    /// <summary>The bucket of a whole figure (a tile, a table total).</summary>
    public const string AllText = "all";

    /// <summary>Reads a bucket; null when it is malformed.</summary>
    public static DrillBucket? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var bucket = new DrillBucket(null, null, null, null, null, null);
        if (text == AllText)
        {
            return bucket;
        }
        foreach (var part in text.Split(';'))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                return null;
            }
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            bucket = key switch
            {
                "month" when bucket.Month is null && DateTime.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) => bucket with { Month = m },
                "community" when bucket.CommunityId is null && Id(value) is int c => bucket with { CommunityId = c },
                "team" when bucket.TeamId is null && Id(value) is int t => bucket with { TeamId = t },
                "area" when bucket.AreaId is null && Id(value) is int a => bucket with { AreaId = a },
                "stage" when bucket.Stage is null && value is "Collected" or "Identified" or "Assigned" or "Resolved" or "Closed" => bucket with { Stage = value },
                "status" when bucket.Status is null && value is "Published" or "Claimed" or "Fulfilled" or "Visited" => bucket with { Status = value },
                _ => null!,
            };
            if (bucket is null)
            {
                return null;
            }
        }
        return bucket;
    }

    /// <summary>The bucket as text, the inverse of <see cref="Parse"/>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Month is DateTime m) parts.Add("month=" + m.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        if (CommunityId is int c) parts.Add("community=" + c.ToString(CultureInfo.InvariantCulture));
        if (TeamId is int t) parts.Add("team=" + t.ToString(CultureInfo.InvariantCulture));
        if (AreaId is int a) parts.Add("area=" + a.ToString(CultureInfo.InvariantCulture));
        if (Stage is not null) parts.Add("stage=" + Stage);
        if (Status is not null) parts.Add("status=" + Status);
        return parts.Count == 0 ? AllText : string.Join(';', parts);
    }

    private static int? Id(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}
