using System.Globalization;

namespace Baihe.Dashboard.Services.Screens;

/// <summary>
/// How long the big screen shows each community: <c>Screen:RotateSeconds</c> (20 by default), or the screen URL's
/// <c>?rotate=</c> for one TV. A value outside <see cref="Min"/>–<see cref="Max"/> seconds, or not a whole number,
/// is ignored rather than obeyed: a typo must not make a TV flicker or freeze on one community.
/// </summary>
public static class ScreenRotation
{
    /// <summary>The configuration key of the default.</summary>
    public const string ConfigKey = "Screen:RotateSeconds";

    public const int Default = 20;

    public const int Min = 5;

    public const int Max = 600;

    /// <summary>The seconds per community: the URL's valid value, else the configured valid value, else <see cref="Default"/>.</summary>
    public static int Seconds(IConfiguration config, string? fromUrl) =>
        Parse(fromUrl) ?? Parse(config[ConfigKey]) ?? Default;

    /// <summary>A whole number of seconds within the limits, or null.</summary>
    public static int? Parse(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= Min and <= Max ? seconds : null;
}
