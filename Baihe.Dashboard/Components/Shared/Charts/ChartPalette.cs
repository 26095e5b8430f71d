namespace Baihe.Dashboard.Components.Shared.Charts;

/// <summary>
/// The one set of chart colours in the app: the theme's red and gold first, then calm colours that stay distinct
/// from each other on a projector and for the common colour-vision deficiencies. Series take them in order.
/// </summary>
public static class ChartPalette
{
    /// <summary>The theme's primary red.</summary>
    public const string Red = "#B71C1C";

    /// <summary>The theme's gold.</summary>
    public const string Gold = "#C99A2E";

    /// <summary>The series colours, in the order series take them.</summary>
    public static readonly IReadOnlyList<string> Colours = [Red, Gold, "#2E7D6B", "#3B6EA8", "#8E5BA8", "#E07B39", "#5F7D8C", "#A0522D"];

    /// <summary>Text and axis colours on a light card.</summary>
    public const string Text = "#37474F";

    /// <summary>Text and axis colours on the big screen's dark background.</summary>
    public const string DarkText = "#E8EAED";

    /// <summary>Grid lines on a light card.</summary>
    public const string Grid = "#E0E0E0";

    /// <summary>Grid lines on a dark background.</summary>
    public const string DarkGrid = "#3C4043";

    /// <summary>The smallest text a chart draws, in CSS pixels: axis labels on a phone stay legible.</summary>
    public const int MinFontSize = 12;
}
