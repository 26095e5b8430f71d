namespace Baihe.Bench;

/// <summary>
/// The single-row read through our query class against a hand-coded reader, in the same run. <see cref="Ratio"/> is
/// the median of per-round ratios (ours / hand-coded) of paired rounds.
/// </summary>
public sealed record SingleRowTiming(string Name, double OursP50Us, double RawP50Us, double OursMeanUs, double RawMeanUs, double Ratio);
