using Microsoft.Extensions.Configuration;

namespace Baihe.Data.Tasks;

/// <summary>
/// The task options the rates and the callback sample read: <c>Tasks:ResponseHours</c> (响应率: how soon a received task
/// must leave 收集信息, default 24) and <c>Tasks:CallbackSamplePercent</c> (回访 sampling: the share of last month's closed
/// tasks drawn, default 30, 1–100).
/// </summary>
public sealed record TaskOptions(int ResponseHours = 24, int CallbackSamplePercent = 30)
{
    /// <summary>The defaults, for callers built without configuration (tests, tools).</summary>
    public static readonly TaskOptions Default = new();

    /// <summary>响应率's window in minutes, the unit the rate SQL adds to the received time.</summary>
    public int ResponseMinutes => ResponseHours * 60;

    /// <summary>Reads the options; a missing or out-of-range value takes its default.</summary>
    public static TaskOptions Read(IConfiguration? configuration)
    {
        static int Value(IConfiguration? c, string key, int fallback, int max) =>
            int.TryParse(c?[$"Tasks:{key}"], out var v) && v > 0 && v <= max ? v : fallback;
        return new TaskOptions(Value(configuration, "ResponseHours", 24, 24 * 365), Value(configuration, "CallbackSamplePercent", 30, 100));
    }
}
