namespace Baihe.Data.Database;

/// <summary>A page request; size is clamped so a forged request cannot ask for the whole table.</summary>
public readonly record struct PageRequest(int Index, int Size)
{
    /// <summary>The largest page any list serves.</summary>
    public const int MaxSize = 100;

    /// <summary>Rows to skip.</summary>
    public int Skip => Math.Max(0, Index) * Take;

    /// <summary>Rows to take, between 1 and <see cref="MaxSize"/>.</summary>
    public int Take => Math.Clamp(Size, 1, MaxSize);
}
