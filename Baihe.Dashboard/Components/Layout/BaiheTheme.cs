using MudBlazor;

namespace Baihe.Dashboard.Components.Layout;

/// <summary>Party-building red with a warm gold, and CJK-first system fonts (no web fonts are fetched).</summary>
public static class BaiheTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#B71C1C",
            Secondary = "#C99A2E",
            Tertiary = "#2E7D6B",
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
