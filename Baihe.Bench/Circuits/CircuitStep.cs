namespace Baihe.Bench.Circuits;

/// <summary>One step: N open circuits, the server's memory, the interaction round trip and the live latency.</summary>
public sealed record CircuitStep(int Circuits, double RssMb, double BaselineMb, double HeapMb, double BaselineHeapMb, double OpenSeconds,
    double P50Ms, double P95Ms, double MaxMs, int InteractionFailures,
    double LiveP50Ms, double LiveP95Ms, double LiveMaxMs, int LiveMissed)
{
    public double PerCircuitKb => Circuits == 0 ? 0 : (RssMb - BaselineMb) * 1024 / Circuits;
    public double HeapPerCircuitKb => Circuits == 0 ? 0 : (HeapMb - BaselineHeapMb) * 1024 / Circuits;
}
