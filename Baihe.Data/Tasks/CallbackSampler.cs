namespace Baihe.Data.Tasks;

/// <summary>
/// The 回访 draw, reproducible from its stored seed: the month's closed tasks ordered by id, shuffled by Fisher–Yates
/// (from the last position down, swapping position i with a position j drawn from 0..i) with SplitMix64 seeded by the
/// seed, and the first <c>size</c> taken. SplitMix64 is written out here rather than taken from <see cref="Random"/>,
/// whose seeded sequence .NET does not promise to keep across versions: the same seed and the same tasks give the same
/// sample on any runtime. The modulo in <see cref="Next"/> biases a draw by less than 2^-40 for any realistic month.
/// </summary>
public static class CallbackSampler
{
    /// <summary>How many of <paramref name="population"/> tasks a <paramref name="percent"/> sample takes: rounded up, at least one.</summary>
    public static int SizeOf(int population, int percent) =>
        population <= 0 ? 0 : Math.Clamp((int)Math.Ceiling(population * percent / 100.0), 1, population);

    /// <summary>The <paramref name="size"/> task ids drawn from <paramref name="taskIds"/> (any order; they are sorted first) with <paramref name="seed"/>, in ascending id order.</summary>
    public static IReadOnlyList<int> Draw(IEnumerable<int> taskIds, int seed, int size)
    {
        var ids = taskIds.Distinct().Order().ToArray();
        var state = (ulong)(uint)seed;
        for (var i = ids.Length - 1; i > 0; i--)
        {
            var j = (int)(Next(ref state) % (ulong)(i + 1));
            (ids[i], ids[j]) = (ids[j], ids[i]);
        }
        return ids.Take(Math.Clamp(size, 0, ids.Length)).Order().ToList();
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
