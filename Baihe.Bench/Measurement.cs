namespace Baihe.Bench;

/// <summary>One measured run: wall time and the process's peak working set above its level before the run.</summary>
public sealed record Measurement(string Name, TimeSpan Time, long PeakBytes, long OutputBytes, long AllocatedBytes = 0, long PeakManagedBytes = 0);
