namespace Baihe.Data.Reports;

/// <summary>One figure of the report's 概览: its name, its value for the month and its definition (口径).</summary>
public sealed record ReportKpi(string Name, int Value, string Definition);
