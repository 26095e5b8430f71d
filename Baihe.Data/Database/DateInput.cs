namespace Baihe.Data.Database;

/// <summary>
/// The one check of a date a user enters (a join or leave date, a service or event day, the end of a 公示). A mistyped
/// year (0201 for 2021, or a picker left at 0001-01-01) is refused, not stored: reports group by month and year, and
/// one stray row would add an empty decade to every chart. Only the day counts; the time of day is ignored.
/// </summary>
public static class DateInput
{
    /// <summary>No record in Baihe is older than this; anything earlier is a typing slip.</summary>
    public static readonly DateTime Earliest = new(2000, 1, 1);

    /// <summary>
    /// Checks <paramref name="value"/> for a field called <paramref name="label"/>: not before <see cref="Earliest"/>
    /// and, unless <paramref name="latest"/> says otherwise, not after <paramref name="today"/>. Returns null when
    /// acceptable, otherwise a Chinese message, and nothing should be written.
    /// </summary>
    public static string? Check(DateTime value, string label, DateTime today, DateTime? latest = null)
    {
        var day = value.Date;
        if (day < Earliest)
        {
            return $"{label}不能早于 {Earliest:yyyy-MM-dd}，请检查年份。";
        }
        var last = (latest ?? today).Date;
        if (day > last)
        {
            return last == today.Date ? $"{label}不能晚于今天。" : $"{label}不能晚于 {last:yyyy-MM-dd}。";
        }
        return null;
    }
}
