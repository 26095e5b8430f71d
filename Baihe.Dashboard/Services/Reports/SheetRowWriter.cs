using System.Buffers;
using System.Globalization;
using System.Text;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>
/// Writes the rows of a streamed sheet as SpreadsheetML, straight into UTF-8 bytes in a reused buffer: no element
/// objects, no XmlWriter, no string per cell. It is the inner loop of a 100k-row month, where OpenXmlWriter spent most
/// of the export's time on checks this fixed shape does not need. Elements are unprefixed, so the sheet's root must
/// declare the SpreadsheetML namespace as its default (see <see cref="StreamedSheet"/>).
/// </summary>
internal sealed class SheetRowWriter(Stream output) : IDisposable
{
    private const int Size = 64 * 1024;
    private static readonly SearchValues<char> Escapes = SearchValues.Create("&<>\r");
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Size);
    private int _used;

    /// <summary>Starts row <paramref name="number"/>, with a custom height in points when one is given.</summary>
    public void StartRow(int number, double? height)
    {
        Ensure(96);
        Ascii("<row r=\""u8);
        Format(number);
        if (height is double h)
        {
            Ascii("\" ht=\""u8);
            Format(h);
            Ascii("\" customHeight=\"1"u8);
        }
        Ascii("\">"u8);
    }

    public void EndRow()
    {
        Ensure(8);
        Ascii("</row>"u8);
    }

    /// <summary>A number cell (a date is its serial number) in the style <paramref name="style"/>.</summary>
    public void Number<T>(uint style, T value) where T : IUtf8SpanFormattable
    {
        Ensure(96);
        Ascii("<c s=\""u8);
        Format(style);
        Ascii("\"><v>"u8);
        if (!value.TryFormat(_buffer.AsSpan(_used), out var n, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A number did not fit its cell's buffer.");
        }
        _used += n;
        Ascii("</v></c>"u8);
    }

    /// <summary>An inline text cell. The text must already be valid XML characters (<see cref="ReportCells.XmlSafe"/>).</summary>
    public void Text(uint style, string text)
    {
        Ensure(80);
        Ascii("<c s=\""u8);
        Format(style);
        // Leading or trailing spaces survive only with xml:space="preserve".
        Ascii(text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
            ? "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"u8
            : "\" t=\"inlineStr\"><is><t>"u8);
        Escaped(text);
        Ensure(24);
        Ascii("</t></is></c>"u8);
    }

    /// <summary>
    /// The bytes <paramref name="write"/> writes, to be written again and again with <see cref="Prepared"/>: a cell whose
    /// value repeats down a column (a name, a day) is escaped and encoded once.
    /// </summary>
    public static byte[] Prepare(Action<SheetRowWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new SheetRowWriter(stream))
        {
            write(writer);
            writer.Flush();
        }
        return stream.ToArray();
    }

    /// <summary>Bytes made by <see cref="Prepare"/>.</summary>
    public void Prepared(byte[] bytes)
    {
        if (bytes.Length > Size)
        {
            Flush();
            output.Write(bytes);
            return;
        }
        Ensure(bytes.Length);
        Ascii(bytes);
    }

    /// <summary>Writes what is buffered to the stream.</summary>
    public void Flush()
    {
        output.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    // The text in UTF-8 with &, < and > escaped, and CR as a character reference (a parser would turn a raw CR into LF).
    private void Escaped(string text)
    {
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            var plain = rest.IndexOfAny(Escapes);
            var run = plain < 0 ? rest : rest[..plain];
            // A run is cut into pieces that fit the buffer, never inside a surrogate pair.
            while (run.Length > 0)
            {
                var take = Math.Min(run.Length, Size / 4);
                if (take < run.Length && char.IsHighSurrogate(run[take - 1]))
                {
                    take--;
                }
                Ensure(take * 3);
                _used += Encoding.UTF8.GetBytes(run[..take], _buffer.AsSpan(_used));
                run = run[take..];
            }
            if (plain < 0)
            {
                return;
            }
            Ensure(8);
            Ascii(rest[plain] switch
            {
                '&' => "&amp;"u8,
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                _ => "&#xD;"u8,
            });
            rest = rest[(plain + 1)..];
        }
    }

    private void Ascii(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void Format<T>(T value) where T : IUtf8SpanFormattable
    {
        value.TryFormat(_buffer.AsSpan(_used), out var n, default, CultureInfo.InvariantCulture);
        _used += n;
    }

    private void Ensure(int bytes)
    {
        if (_used + bytes > _buffer.Length)
        {
            Flush();
        }
    }
}
