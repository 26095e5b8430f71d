using System.Text.Json.Nodes;
using Baihe.Data.Dashboard;

namespace Baihe.Dashboard.Components.Shared.Charts;

/// <summary>
/// Turns a <see cref="DashboardChart"/> into Apache ECharts options, as plain JSON: no functions anywhere, so the
/// browser reads them with JSON.parse and the Content-Security-Policy needs no 'unsafe-eval'. Every text is at least
/// <see cref="ChartPalette.MinFontSize"/> px, null values stay null (a gap in a line, no bar), and every series takes
/// its colour from <see cref="ChartPalette"/>.
/// </summary>
public static class EChartsOptions
{
    // Value labels on top of bars are readable up to about this many bars in a card; past it they overlap.
    private const int MaxLabelledBars = 24;

    // Percentages carry a decimal ("83.3"), twice as wide as a count: half as many bars keep their labels apart.
    private const int MaxLabelledPercentBars = 12;

    /// <summary>The options for <paramref name="chart"/>; <paramref name="dark"/> draws for the big screen's dark background.</summary>
    public static JsonObject Build(DashboardChart chart, bool dark = false)
    {
        var text = dark ? ChartPalette.DarkText : ChartPalette.Text;
        var grid = dark ? ChartPalette.DarkGrid : ChartPalette.Grid;
        var font = Font(text);
        var options = new JsonObject
        {
            ["animationDuration"] = 300,
            ["animationDurationUpdate"] = 300,
            ["backgroundColor"] = "transparent",
            ["color"] = new JsonArray([.. ChartPalette.Colours.Select(c => (JsonNode)c)]),
            ["textStyle"] = Font(text),
            ["tooltip"] = new JsonObject
            {
                ["trigger"] = chart.Shape == ChartShape.Donut ? "item" : "axis",
                ["confine"] = true,
                ["textStyle"] = new JsonObject { ["fontSize"] = 13 },
            },
        };
        if (chart.Series.Count > 1 || chart.Shape == ChartShape.Donut)
        {
            options["legend"] = new JsonObject
            {
                ["type"] = "scroll",
                ["top"] = 0,
                ["textStyle"] = font.DeepClone(),
                ["pageTextStyle"] = Font(text),
            };
        }
        if (chart.Shape == ChartShape.Donut)
        {
            options["series"] = new JsonArray(Donut(chart, text));
            return options;
        }

        var legendSpace = chart.Series.Count > 1 ? 36 : 16;
        var longLabels = chart.Categories.Count > 6 && chart.Categories.Any(c => c.Length > 4) || chart.Categories.Count > 12;
        options["grid"] = new JsonObject { ["left"] = 8, ["right"] = 16, ["top"] = legendSpace + 16, ["bottom"] = 8 };
        options["xAxis"] = new JsonObject
        {
            ["type"] = "category",
            ["data"] = new JsonArray([.. chart.Categories.Select(c => (JsonNode)c)]),
            ["axisLabel"] = new JsonObject
            {
                ["fontSize"] = ChartPalette.MinFontSize,
                ["color"] = text,
                // Every category is named (a skipped name is a bar nobody can identify); long names turn instead.
                ["interval"] = 0,
                ["rotate"] = longLabels ? 40 : 0,
                ["hideOverlap"] = false,
            },
            ["axisLine"] = new JsonObject { ["lineStyle"] = new JsonObject { ["color"] = text } },
            ["axisTick"] = new JsonObject { ["alignWithLabel"] = true },
        };
        options["yAxis"] = new JsonObject
        {
            ["type"] = "value",
            ["name"] = chart.Unit,
            ["nameTextStyle"] = Font(text),
            ["minInterval"] = chart.Unit == "%" ? 0 : 1,
            ["axisLabel"] = Font(text),
            ["splitLine"] = new JsonObject { ["lineStyle"] = new JsonObject { ["color"] = grid } },
        };
        if (chart.Unit == "%")
        {
            options["yAxis"]!["max"] = 100;
        }
        var bars = chart.Categories.Count * (chart.Shape == ChartShape.StackedBar ? 1 : chart.Series.Count);
        var series = new JsonArray();
        foreach (var s in chart.Series)
        {
            series.Add(chart.Shape == ChartShape.Line ? Line(s, text) : Bar(s, chart.Shape == ChartShape.StackedBar, bars <= (chart.Unit == "%" ? MaxLabelledPercentBars : MaxLabelledBars), text));
        }
        options["series"] = series;
        return options;
    }

    /// <summary>The options as the JSON text the browser parses.</summary>
    public static string ToJson(DashboardChart chart, bool dark = false) => Build(chart, dark).ToJsonString();

    private static JsonObject Bar(DashboardSeries s, bool stacked, bool labelled, string text)
    {
        var bar = new JsonObject
        {
            ["type"] = "bar",
            ["name"] = s.Name,
            ["data"] = Values(s),
            ["barMaxWidth"] = 48,
            ["cursor"] = Clickable(s) ? "pointer" : "default",
            ["emphasis"] = new JsonObject { ["focus"] = "series" },
            ["label"] = new JsonObject
            {
                ["show"] = labelled,
                ["position"] = stacked ? "inside" : "top",
                ["fontSize"] = ChartPalette.MinFontSize,
                ["color"] = stacked ? "#FFFFFF" : text,
            },
        };
        if (stacked)
        {
            bar["stack"] = "total";
        }
        return bar;
    }

    private static JsonObject Line(DashboardSeries s, string text) => new()
    {
        ["type"] = "line",
        ["name"] = s.Name,
        ["data"] = Values(s),
        // A month with no data is a gap: joining across it would draw a figure nobody measured.
        ["connectNulls"] = false,
        ["showSymbol"] = true,
        ["symbolSize"] = 9,
        ["cursor"] = Clickable(s) ? "pointer" : "default",
        ["label"] = new JsonObject { ["show"] = false, ["fontSize"] = ChartPalette.MinFontSize, ["color"] = text },
    };

    private static JsonObject Donut(DashboardChart chart, string text)
    {
        var s = chart.Series.Count > 0 ? chart.Series[0] : new DashboardSeries("", [], "", []);
        var data = new JsonArray();
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            data.Add(new JsonObject { ["name"] = chart.Categories[i], ["value"] = i < s.Values.Count ? s.Values[i] : null });
        }
        return new JsonObject
        {
            ["type"] = "pie",
            ["name"] = s.Name,
            ["radius"] = new JsonArray("42%", "68%"),
            ["center"] = new JsonArray("50%", "56%"),
            ["avoidLabelOverlap"] = true,
            ["cursor"] = Clickable(s) ? "pointer" : "default",
            ["label"] = new JsonObject
            {
                ["fontSize"] = ChartPalette.MinFontSize,
                ["color"] = text,
                // A template string, not a function: ECharts fills {b} (name) and {c} (value) itself.
                ["formatter"] = "{b}\n{c}",
            },
            ["data"] = data,
        };
    }

    private static JsonArray Values(DashboardSeries s) => new([.. s.Values.Select(v => v is double d ? JsonValue.Create(d) : null)]);

    private static bool Clickable(DashboardSeries s) => !string.IsNullOrEmpty(s.Metric);

    private static JsonObject Font(string colour) => new() { ["fontSize"] = ChartPalette.MinFontSize, ["color"] = colour };
}
