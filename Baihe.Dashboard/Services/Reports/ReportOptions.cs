namespace Baihe.Dashboard.Services.Reports;

/// <summary>Settings of the monthly report (section <c>Reports</c> of the configuration).</summary>
public sealed record ReportOptions
{
    /// <summary>
    /// The most ledger rows one workbook may hold. A sub-district roll-up above it is delivered as one workbook per
    /// community instead. Excel's sheet limit is 1,048,576 rows; the default leaves a margin.
    /// </summary>
    public int MaxRowsPerWorkbook { get; init; } = 1_000_000;
}
