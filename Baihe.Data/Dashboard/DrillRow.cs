namespace Baihe.Data.Dashboard;

/// <summary>One record of a <see cref="DrillList"/>: what it is, a detail line, when (formatted), and the page that opens it.</summary>
public sealed record DrillRow(string Label, string Detail, string When, string Url);
