namespace Baihe.Bench;

/// <summary>
/// One run of the export benchmark: the full report, the raw OpenXmlWriter sheet and the MiniExcel sheet (the round
/// with the median ours/raw ratio), the median of the ours/MiniExcel ratios over all rounds, and the ledger rows each wrote.
/// </summary>
public sealed record ExportFigures(Measurement Ours, Measurement Raw, Measurement MiniExcel, double OursOverMiniExcel, int LedgerRows)
{
    /// <summary>The two figures the first baseline compares.</summary>
    public void Deconstruct(out Measurement ours, out Measurement raw)
    {
        ours = Ours;
        raw = Raw;
    }
}
