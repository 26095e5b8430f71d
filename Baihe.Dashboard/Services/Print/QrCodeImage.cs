using System.Text;
using QRCoder;

namespace Baihe.Dashboard.Services.Print;

/// <summary>
/// A QR code as an SVG data URI for an &lt;img&gt;: drawn on the server (no script, and the Content-Security-Policy
/// already allows data: images), sharp at any print size.
/// </summary>
public static class QrCodeImage
{
    /// <summary>The data URI of the QR code that encodes <paramref name="text"/> (error correction M: a creased sheet still scans).</summary>
    public static string DataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(8);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}
