using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Baihe.Data.Dashboard;

namespace Baihe.Dashboard.Components.Shared.Charts;

/// <summary>
/// What a chart card draws: the ECharts options (JSON) and its 查看数据 table (HTML), built once per chart and filter and
/// shared by every circuit that shows the same chart. The overview's figures are one shared load (SharedLoads), so a
/// thousand open 总览 hold the same <see cref="DashboardChart"/> objects; keyed by them, a thousand circuits hold one copy
/// of each string. As one markup frame the table costs a circuit a reference, where as elements it cost each circuit
/// about five render-tree frames per cell, twice (the current and the previous tree).
/// </summary>
public sealed record ChartDrawing(string Query, bool Dark, string Options, string Table)
{
    private static readonly ConditionalWeakTable<DashboardChart, ChartDrawing> Drawn = new();

    /// <summary>The drawing of <paramref name="chart"/> under <paramref name="filter"/>, built at most once while it lasts.</summary>
    public static ChartDrawing For(DashboardChart chart, DashboardFilter filter, bool dark)
    {
        var query = filter.ToQuery();
        if (Drawn.TryGetValue(chart, out var drawn) && drawn.Query == query && drawn.Dark == dark)
        {
            return drawn;
        }
        var fresh = new ChartDrawing(query, dark, EChartsOptions.ToJson(chart, dark), TableHtml(chart, filter));
        Drawn.AddOrUpdate(chart, fresh);
        return fresh;
    }

    /// <summary>The 查看数据 table: one row per category, one cell per series, each value a link to the records it counts.</summary>
    public static string TableHtml(DashboardChart chart, DashboardFilter filter)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var html = new StringBuilder(1024);
        html.Append("<table class=\"chart-data-table\"><caption class=\"chart-data-caption\">").Append(E(chart.Title))
            .Append(E(string.IsNullOrEmpty(chart.Unit) ? "" : $"（单位：{chart.Unit}）")).Append("</caption><thead><tr><th scope=\"col\">项目</th>");
        foreach (var series in chart.Series)
        {
            html.Append("<th scope=\"col\">").Append(E(series.Name)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            html.Append("<tr data-index=\"").Append(i).Append("\"><th scope=\"row\">").Append(E(chart.Categories[i])).Append("</th>");
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var series = chart.Series[s];
                var value = i < series.Values.Count ? series.Values[i] : null;
                html.Append("<td data-series=\"").Append(s).Append("\" data-index=\"").Append(i).Append("\" data-value=\"").Append(Raw(value)).Append("\">");
                if (DrillLinks.For(series, i, filter) is string link)
                {
                    html.Append("<a href=\"").Append(E(link)).Append("\">").Append(E(Format(value))).Append("</a>");
                }
                else
                {
                    html.Append(E(Format(value)));
                }
                html.Append("</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    private static string Format(double? value) => value is double v ? v.ToString(v == Math.Floor(v) ? "N0" : "N1") : "—";

    private static string Raw(double? value) => value is double v ? v.ToString(CultureInfo.InvariantCulture) : "";
}
