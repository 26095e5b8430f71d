namespace Baihe.Data.Import;

/// <summary>The check of a whole file before anything is written: the counts it would write and every problem found.</summary>
public sealed record ImportPreview(ImportCounts Counts, IReadOnlyList<ImportProblem> Problems)
{
    public bool CanCommit => Problems.Count == 0;
}
