using System.IO.Compression;
using Baihe.Dashboard.Services.Import;
using Baihe.Data.Import;
using Baihe.Tests.TestSupport;
using ClosedXML.Excel;

namespace Baihe.Tests.Dashboard.Services.Import;

public class ImportWorkbookReaderTests
{
    private static readonly object?[] Resident = ["陈晓梅", "13912345678", "第一网格", "是", "否", "剪纸"];

    [Fact]
    public void AGoodWorkbook_IsReadRowByRow_WithExcelRowNumbersAndTypedCellsAsText()
    {
        var bytes = ImportWorkbooks.Build(
            [Resident, [], ["林大伟", 13812345678d, "第二网格", null, "是", null]],
            [["陈晓梅", "13912345678", "金姐姐", "队员", new DateTime(2024, 3, 1)]]);

        var read = ImportWorkbookReader.Read(bytes, "名册.xlsx");

        Assert.Null(read.Error);
        var file = read.File!;
        Assert.Equal(ImportWorkbookReader.Sha256(bytes), file.Sha256);
        Assert.Equal(64, file.Sha256.Length);
        Assert.Equal([2, 4], file.Residents.Select(r => r.Row));
        // A phone typed as a number still reads as its 11 digits, not 1.38E+10.
        Assert.Equal("13812345678", file.Residents[1].Phone);
        Assert.Equal("", file.Residents[1].PartyMember);
        Assert.Equal("2024-03-01", file.Memberships.Single().JoinedOn);
        Assert.Equal("金姐姐", file.Memberships.Single().Team);
    }

    [Fact]
    public void AFormulaCell_IsReadAsItsCachedValue_NeverEvaluated()
    {
        var bytes = ImportWorkbooks.Build([Resident]);
        // Give the name cell a formula (ClosedXML writes the sheet with an x: prefix) whose cached value (what Excel last showed) differs from what it would compute now.
        bytes = RewriteSheet(bytes, "xl/worksheets/sheet1.xml", xml => System.Text.RegularExpressions.Regex.Replace(xml,
            "<x:c r=\"A2\"[^>]*>.*?</x:c>", "<x:c r=\"A2\" t=\"str\"><x:f>CONCAT(\"恶意\",\"公式\")</x:f><x:v>陈晓梅</x:v></x:c>"));

        var read = ImportWorkbookReader.Read(bytes, "公式.xlsx");

        Assert.Null(read.Error);
        Assert.Equal("陈晓梅", read.File!.Residents[0].Name);
    }

    [Fact]
    public void NotAnXlsx_IsRefusedWithAChineseMessage()
    {
        var read = ImportWorkbookReader.Read("姓名,手机号\n陈晓梅,13912345678\n"u8.ToArray(), "名册.csv");
        Assert.Equal(ImportWorkbookReader.NotXlsx, read.Error);
        Assert.Null(read.File);
    }

    [Fact]
    public void ACorruptZip_IsRefusedAsDamaged()
    {
        var bytes = ImportWorkbooks.Build([Resident]);
        var cut = bytes[..(bytes.Length / 2)];
        Assert.Equal(ImportWorkbookReader.Corrupt, ImportWorkbookReader.Read(cut, "半个.xlsx").Error);
    }

    [Fact]
    public void AZipThatIsNoWorkbook_IsRefusedAsNotAnXlsx()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("hello");
        }
        Assert.Equal(ImportWorkbookReader.NotXlsx, ImportWorkbookReader.Read(output.ToArray(), "压缩包.xlsx").Error);
    }

    [Fact]
    public void AnEncryptedWorkbook_IsRecognisedByItsCompoundFileSignature()
    {
        byte[] bytes = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[4088]];
        Assert.Equal(ImportWorkbookReader.Encrypted, ImportWorkbookReader.Read(bytes, "加密.xlsx").Error);
    }

    [Fact]
    public void AFileOverTenMegabytes_IsRefusedBeforeReading()
    {
        var bytes = new byte[ImportLayout.MaxFileBytes + 1];
        "PK\u0003\u0004"u8.CopyTo(bytes);
        Assert.Equal(ImportWorkbookReader.TooLarge, ImportWorkbookReader.Read(bytes, "大.xlsx").Error);
    }

    [Fact]
    public void MoreThanFiftyThousandRows_AreRefused()
    {
        var rows = Enumerable.Range(0, ImportLayout.MaxRows + 1).Select(i => new object?[] { $"居民{i}", null, "第一网格" });
        var bytes = ImportWorkbooks.Build(rows);
        Assert.Equal(ImportWorkbookReader.TooManyRows, ImportWorkbookReader.Read(bytes, "太多.xlsx").Error);
    }

    [Fact]
    public void ARenamedHeader_IsRefusedNamingTheColumn()
    {
        var bytes = ImportWorkbooks.Build([Resident], tweak: wb => wb.Worksheet(ImportLayout.ResidentSheet).Cell(1, 2).SetValue("电话"));
        var error = ImportWorkbookReader.Read(bytes, "改名.xlsx").Error;
        Assert.NotNull(error);
        Assert.Contains("第 2 列应为“手机号”，现为“电话”", error);
    }

    [Fact]
    public void AMissingHeader_IsRefusedNamingTheColumn()
    {
        var bytes = ImportWorkbooks.Build([Resident], tweak: wb => wb.Worksheet(ImportLayout.MembershipSheet).Column(5).Delete());
        var error = ImportWorkbookReader.Read(bytes, "缺列.xlsx").Error;
        Assert.NotNull(error);
        Assert.Contains("缺少“入队日期”列", error);
    }

    [Fact]
    public void AMissingSheet_IsRefusedNamingTheSheet()
    {
        var bytes = ImportWorkbooks.Build([Resident], tweak: wb => wb.Worksheet(ImportLayout.MembershipSheet).Delete());
        Assert.Contains("找不到工作表“队伍成员”", ImportWorkbookReader.Read(bytes, "一张表.xlsx").Error);
    }

    [Fact]
    public void TheTemplate_HasBothSheetsHeadersExampleRowsAndDropDownLists()
    {
        var bytes = ImportTemplate.Build(["第一网格", "第二网格"], ["金姐姐", "银辉先锋"], new DateTime(2026, 11, 26));

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var residents = workbook.Worksheet(ImportLayout.ResidentSheet);
        Assert.Equal(ImportLayout.ResidentHeaders, Enumerable.Range(1, 6).Select(c => residents.Cell(1, c).GetString()));
        Assert.Equal("第一网格", residents.Cell(2, 3).GetString());
        var memberships = workbook.Worksheet(ImportLayout.MembershipSheet);
        Assert.Equal(ImportLayout.MembershipHeaders, Enumerable.Range(1, 5).Select(c => memberships.Cell(1, c).GetString()));
        Assert.Equal(XLWorksheetVisibility.Hidden, workbook.Worksheet(ImportTemplate.OptionsSheet).Visibility);
        Assert.Contains(residents.DataValidations, v => v.AllowedValues == XLAllowedValues.List && v.Ranges.Any(r => r.FirstColumn().ColumnNumber() == 3));
        Assert.Contains(memberships.DataValidations, v => v.AllowedValues == XLAllowedValues.List && v.Ranges.Any(r => r.FirstColumn().ColumnNumber() == 3));
        Assert.Contains(memberships.DataValidations, v => v.AllowedValues == XLAllowedValues.List && v.Ranges.Any(r => r.FirstColumn().ColumnNumber() == 4));

        // The template reads back through the reader; its example rows are then refused, so an unchanged template imports nobody.
        var read = ImportWorkbookReader.Read(bytes, "模板.xlsx");
        Assert.Null(read.Error);
        Assert.Single(read.File!.Residents);
        Assert.Single(read.File!.Memberships);
    }

    [Fact]
    public void TheErrorWorkbook_AddsAReasonColumn_AndStillReadsBack()
    {
        var bytes = ImportWorkbooks.Build([Resident, ["王五", "123", "第一网格"]]);
        var problems = new[] { new ImportProblem(ImportLayout.ResidentSheet, 3, ImportLayout.Phone, "手机号应为 11 位中国大陆手机号（可带 +86）。") };

        var errors = ImportErrorWorkbook.Build(bytes, problems);

        using (var workbook = new XLWorkbook(new MemoryStream(errors)))
        {
            var ws = workbook.Worksheet(ImportLayout.ResidentSheet);
            Assert.Equal(ImportLayout.ErrorColumn, ws.Cell(1, 7).GetString());
            Assert.Equal("", ws.Cell(2, 7).GetString());
            Assert.StartsWith("手机号：手机号应为 11 位", ws.Cell(3, 7).GetString());
            Assert.Equal("123", ws.Cell(3, 2).GetString());
        }
        var again = ImportWorkbookReader.Read(errors, "错误.xlsx");
        Assert.Null(again.Error);
        Assert.Equal(2, again.File!.Residents.Count);
    }

    private static byte[] RewriteSheet(byte[] bytes, string entry, Func<string, string> edit)
    {
        using var output = new MemoryStream();
        output.Write(bytes);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            var e = zip.GetEntry(entry)!;
            string xml;
            using (var reader = new StreamReader(e.Open()))
            {
                xml = reader.ReadToEnd();
            }
            e.Delete();
            var edited = edit(xml);
            Assert.NotEqual(xml, edited);
            using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
            writer.Write(edited);
        }
        return output.ToArray();
    }
}
