using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Baihe.Data.Import;
using MiniExcelLibs;
using static Baihe.Data.Import.ImportLayout;

namespace Baihe.Dashboard.Services.Import;

/// <summary>
/// Reads a roster workbook (.xlsx) into rows, or says in Chinese why it cannot: too large, not an xlsx, a corrupt zip,
/// an encrypted workbook, a missing sheet, missing or renamed headers, too many rows. It streams the sheets with
/// MiniExcel (docs/performance.md has the measured reason) and reads each cell's stored value: a formula's cached result
/// is read as it was saved, and nothing is ever evaluated.
/// </summary>
public static class ImportWorkbookReader
{
    /// <summary>An OLE compound file: Excel saves a password-protected workbook (and the old .xls format) this way.</summary>
    private static readonly byte[] CompoundFileSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The most a workbook may unpack to: a zip bomb is refused before a sheet is parsed.</summary>
    private const long MaxUnpackedBytes = 400L * 1024 * 1024;

    public const string TooLarge = "文件超过 10 MB，无法导入。请分成几个文件分别导入。";
    public const string Encrypted = "这个文件是加密（设有打开密码）的工作簿或旧版 .xls 文件，无法读取。请在 Excel 中取消密码，另存为 .xlsx 后再上传。";
    public const string NotXlsx = "这不是 Excel 工作簿（.xlsx）文件。请下载导入模板，填好后上传。";
    public const string Corrupt = "文件已损坏，无法打开。请在 Excel 中重新保存为 .xlsx 后再上传。";
    public static readonly string TooManyRows = $"数据超过 {MaxRows:N0} 行，无法一次导入。请分成几个文件分别导入。";

    /// <summary>Reads the workbook in <paramref name="content"/>, named <paramref name="fileName"/> for the audit row.</summary>
    public static ImportRead Read(byte[] content, string fileName)
    {
        if (content.LongLength > MaxFileBytes)
        {
            return ImportRead.Refused(TooLarge);
        }
        if (content.AsSpan().StartsWith(CompoundFileSignature))
        {
            return ImportRead.Refused(Encrypted);
        }
        if (!content.AsSpan().StartsWith(ZipSignature))
        {
            return ImportRead.Refused(NotXlsx);
        }
        try
        {
            using (var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read))
            {
                if (zip.GetEntry("xl/workbook.xml") is null)
                {
                    return ImportRead.Refused(NotXlsx);
                }
                if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
                {
                    return ImportRead.Refused(Corrupt);
                }
            }
            using var stream = new MemoryStream(content, writable: false);
            var sheets = MiniExcel.GetSheetNames(stream);
            foreach (var wanted in new[] { ResidentSheet, MembershipSheet })
            {
                if (!sheets.Contains(wanted))
                {
                    return ImportRead.Refused($"找不到工作表“{wanted}”。请使用导入模板：它有“{ResidentSheet}”和“{MembershipSheet}”两个工作表。");
                }
            }
            var total = 0;
            var residents = new List<ResidentLine>();
            var error = ReadSheet(stream, ResidentSheet, ResidentHeaders, ref total,
                (row, c) => residents.Add(new ResidentLine(row, c[0], c[1], c[2], c[3], c[4], c[5])));
            if (error is not null)
            {
                return ImportRead.Refused(error);
            }
            var memberships = new List<MembershipLine>();
            error = ReadSheet(stream, MembershipSheet, MembershipHeaders, ref total,
                (row, c) => memberships.Add(new MembershipLine(row, c[0], c[1], c[2], c[3], c[4])));
            if (error is not null)
            {
                return ImportRead.Refused(error);
            }
            return new ImportRead(new ImportFile(fileName, Sha256(content), residents, memberships), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException
                                      or NotSupportedException or ArgumentException or FormatException or IndexOutOfRangeException)
        {
            return ImportRead.Refused(Corrupt);
        }
    }

    /// <summary>The file's SHA-256 as lower-case hex, as the audit row and the export's audit write it.</summary>
    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static string? ReadSheet(Stream stream, string sheet, IReadOnlyList<string> headers, ref int total, Action<int, string[]> add)
    {
        stream.Position = 0;
        var rowNumber = 0;
        string[]? keys = null;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX))
        {
            rowNumber++;
            if (keys is null)
            {
                keys = [.. row.Keys];
                var found = keys.Select(k => Text(row[k], isDate: false)).ToList();
                for (var i = 0; i < headers.Count; i++)
                {
                    if (i >= found.Count || found[i] != headers[i])
                    {
                        var what = i >= found.Count || found[i].Length == 0 ? $"缺少“{headers[i]}”列" : $"第 {i + 1} 列应为“{headers[i]}”，现为“{found[i]}”";
                        return $"工作表“{sheet}”的表头不对：{what}。第 1 行应依次为：{string.Join("、", headers)}。请使用导入模板，不要改动表头。";
                    }
                }
                continue;
            }
            var cells = new string[headers.Count];
            var empty = true;
            for (var i = 0; i < headers.Count && i < keys.Length; i++)
            {
                cells[i] = Text(row.TryGetValue(keys[i], out var v) ? v : null, headers[i] == JoinedOn);
                empty &= cells[i].Length == 0;
            }
            if (empty)
            {
                continue;
            }
            if (++total > MaxRows)
            {
                return TooManyRows;
            }
            add(rowNumber, cells);
        }
        return keys is null ? $"工作表“{sheet}”是空的：第 1 行应为表头：{string.Join("、", headers)}。" : null;
    }

    /// <summary>A cell as text: numbers without a decimal point or exponent (a phone typed as a number), dates as yyyy-MM-dd.</summary>
    private static string Text(object? value, bool isDate) => value switch
    {
        null => "",
        string s => s.Trim(),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d when isDate && d is > 1 and < 2958466 => DateTime.FromOADate(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("F0", CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        bool b => b ? Yes : No,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => value.ToString()?.Trim() ?? "",
    };
}
