using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Baihe.Tests.Browser;

/// <summary>What the live stories share: polling a page until a write shows, within a budget, and reading a figure.</summary>
internal static class LiveExpect
{
    /// <summary>Polls <paramref name="condition"/> until it holds, or throws once <paramref name="budget"/> has passed since the write.</summary>
    public static async Task ThatAsync(Func<Task<bool>> condition, string what, Stopwatch sinceWrite, TimeSpan budget, ITestOutputHelper output)
    {
        while (!await condition())
        {
            if (sinceWrite.Elapsed > budget)
            {
                throw new TimeoutException($"{what}: not visible {sinceWrite.Elapsed.TotalSeconds:F1} s after the write (budget {budget.TotalSeconds} s).");
            }
            await Task.Delay(100);
        }
        output.WriteLine($"{what}: visible {sinceWrite.Elapsed.TotalSeconds:F2} s after the write");
    }

    /// <summary>The first whole number in a figure's text ("1,331 分" is 1331).</summary>
    public static int Number(string text) => int.Parse(Regex.Match(text.Replace(",", "", StringComparison.Ordinal), @"\d+").Value, CultureInfo.InvariantCulture);
}
