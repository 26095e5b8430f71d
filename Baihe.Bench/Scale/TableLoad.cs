namespace Baihe.Bench.Scale;

/// <summary>Rows written to one table and how long its inserts took.</summary>
public sealed record TableLoad(string Table, long Rows, TimeSpan Time)
{
    public double RowsPerSecond => Time.TotalSeconds > 0 ? Rows / Time.TotalSeconds : 0;
}
