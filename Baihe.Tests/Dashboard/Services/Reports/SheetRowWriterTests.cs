using System.Xml.Linq;
using Baihe.Dashboard.Services.Reports;

namespace Baihe.Tests.Dashboard.Services.Reports;

public sealed class SheetRowWriterTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Theory]
    [InlineData("a & b <c> \"d\" 'e'")]
    [InlineData("  spaces at both ends  ")]
    [InlineData("CR LF\r\nlone CR\rend")]
    [InlineData("百合🌸邻长𠀀")]
    [InlineData("")]
    public void Text_ReadsBackAsWritten_ThroughAnXmlParser(string text) =>
        Assert.Equal(text, Cells(w => w.Text(7, text)).Single().Value);

    [Fact]
    public void AText_LongerThanTheBuffer_WithSurrogatePairsOnEveryBoundary_ReadsBackWhole()
    {
        // 60,000 pairs of UTF-16 units: whatever the piece size, some piece ends beside a pair, and none may split one.
        var text = string.Concat(Enumerable.Repeat("🌸", 30_000)) + "&" + string.Concat(Enumerable.Repeat("a🌸", 20_000));
        Assert.Equal(text, Cells(w => w.Text(1, text)).Single().Value);
    }

    [Fact]
    public void Numbers_AreInvariant_AndCellsCarryTheirStyle_AndRowsTheirHeight()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            using var stream = new MemoryStream();
            using (var writer = new SheetRowWriter(stream))
            {
                writer.StartRow(2, 32.5);
                writer.Number(13U, new DateTime(2026, 10, 6, 12, 0, 0).ToOADate());
                writer.Number(7U, -3);
                writer.Number(7U, 1.25m);
                writer.EndRow();
                writer.Flush();
            }
            var row = Parse(stream).Elements(Main + "row").Single();
            Assert.Equal("2", (string?)row.Attribute("r"));
            Assert.Equal("32.5", (string?)row.Attribute("ht"));
            Assert.Equal("1", (string?)row.Attribute("customHeight"));
            Assert.Equal(["13", "7", "7"], row.Elements(Main + "c").Select(c => (string)c.Attribute("s")!));
            Assert.Equal(["46301.5", "-3", "1.25"], row.Elements(Main + "c").Select(c => c.Element(Main + "v")!.Value));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    private static List<XElement> Cells(Action<SheetRowWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new SheetRowWriter(stream))
        {
            writer.StartRow(2, null);
            write(writer);
            writer.EndRow();
            writer.Flush();
        }
        var cells = Parse(stream).Descendants(Main + "c").ToList();
        Assert.All(cells, c => Assert.Equal("inlineStr", (string?)c.Attribute("t")));
        return cells.Select(c => c.Element(Main + "is")!.Element(Main + "t")!).ToList();
    }

    // The rows inside a root that declares SpreadsheetML as the default namespace, as the sheet's frame does.
    private static XElement Parse(MemoryStream rows)
    {
        var xml = $"<sheetData xmlns=\"{Main.NamespaceName}\">{System.Text.Encoding.UTF8.GetString(rows.ToArray())}</sheetData>";
        return XElement.Parse(xml, LoadOptions.PreserveWhitespace);
    }
}
