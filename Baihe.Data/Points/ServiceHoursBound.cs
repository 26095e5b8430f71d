using System.Globalization;

namespace Baihe.Data.Points;

/// <summary>The one check of a person's adjusted service hours: from 0 to the activity's length, in steps of a minute or more.</summary>
public static class ServiceHoursBound
{
    /// <summary>A Chinese problem with <paramref name="hours"/> for an activity of <paramref name="durationMinutes"/>, or null.</summary>
    public static string? Check(decimal hours, int durationMinutes)
    {
        var max = (durationMinutes / 60m).ToString("0.##", CultureInfo.InvariantCulture);
        if (hours < 0 || Math.Round(hours * 60m, MidpointRounding.AwayFromZero) > durationMinutes)
        {
            return $"服务时长应在 0 到 {max} 小时（活动时长）之间。";
        }
        return null;
    }
}
