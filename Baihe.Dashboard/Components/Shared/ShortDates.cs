using System.Globalization;

namespace Baihe.Dashboard.Components.Shared;

/// <summary>
/// Dates in list cells, short enough never to wrap: <c>03-05 14:30</c> within the current year, <c>2025-03-05</c>
/// before it. The full value goes into the cell's tooltip (<see cref="Full"/>).
/// </summary>
public static class ShortDates
{
    /// <summary>The short form of <paramref name="value"/> as seen on <paramref name="today"/>; empty for none.</summary>
    public static string DateTime(System.DateTime? value, System.DateTime today) => value switch
    {
        null => "",
        { } v when v.Year == today.Year => v.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture),
        { } v => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>The whole date and time, for a tooltip.</summary>
    public static string Full(System.DateTime? value) => value?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
}
