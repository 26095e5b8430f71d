namespace Baihe.Bench.Circuits;

/// <summary>The prerendered page: its interactive root-component markers and the persisted component state.</summary>
public sealed record PrerenderedPage(string Uri, IReadOnlyList<string> Markers, string State);
