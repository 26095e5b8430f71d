using Baihe.Data.Import;

namespace Baihe.Dashboard.Services.Import;

/// <summary>A workbook read for import: either its rows (<see cref="File"/>) or why it cannot be read (<see cref="Error"/>, Chinese).</summary>
public sealed record ImportRead(ImportFile? File, string? Error)
{
    public static ImportRead Refused(string error) => new(null, error);
}
