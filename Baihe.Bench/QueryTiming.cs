namespace Baihe.Bench;

/// <summary>One dashboard query's timings and whether every plan behind it is index-backed.</summary>
public sealed record QueryTiming(string Name, double P50Ms, double P95Ms, int Rows, bool IndexBacked);
