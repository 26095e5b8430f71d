using MudBlazor;

namespace Baihe.Dashboard.Components.Layout;

/// <summary>
/// Party-building red with a warm gold, and CJK-first system fonts (no web fonts are fetched). Every colour that
/// carries text (a chip's label, an alert's message, a button) is dark enough for WCAG 2.2 AA (4.5:1) both as text on
/// the page background and under white text: MudBlazor's defaults (orange #ff9800, green #4caf50) are not, and
/// older leads read these pages in daylight on phones.
/// </summary>
public static class BaiheTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#B71C1C",
            Secondary = "#8A6A1F",
            Tertiary = "#276B5C",
            Info = "#1565C0",
            Success = "#2E7D32",
            Warning = "#A85400",
            Error = "#C62828",
            TextSecondary = "rgba(0,0,0,0.68)",
            AppbarBackground = "#B71C1C",
            Background = "#F7F4EF",
            DrawerBackground = "#FFFFFF",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "sans-serif"],
            },
        },
    };
}
