using System.Security.Cryptography;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>A built report: its file name, its bytes, how many detail rows it holds and its SHA-256.</summary>
public sealed record ReportFile(string FileName, byte[] Content, int Rows, string Sha256)
{
    /// <summary>A file with its fingerprint, as the audit row records it.</summary>
    public static ReportFile Of(string fileName, byte[] content, int rows) =>
        new(fileName, content, rows, Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant());
}
