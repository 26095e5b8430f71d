namespace Baihe.Data.Dashboard;

/// <summary>
/// The records behind one charted value. <see cref="Count"/> is the number of matching records over all pages;
/// <see cref="Total"/> is the charted value itself for sum metrics (points) and rate metrics (percent), else null.
/// <see cref="Rows"/> is the requested page. A refused request has a Chinese <see cref="Refusal"/> and no rows.
/// </summary>
public sealed record DrillList(string Title, string Description, int Count, double? Total, IReadOnlyList<DrillRow> Rows)
{
    /// <summary>Why the list could not be served (unknown metric, malformed bucket, place outside scope); null when served.</summary>
    public string? Refusal { get; init; }

    /// <summary>A refusal: no rows, the message as description.</summary>
    public static DrillList Refused(string message) => new("无法显示明细", message, 0, null, []) { Refusal = message };
}
