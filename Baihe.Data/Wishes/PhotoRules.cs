namespace Baihe.Data.Wishes;

/// <summary>What a task's or a wish's photo may be: a JPEG, PNG or WebP image of at most 5 MB.</summary>
public static class PhotoRules
{
    /// <summary>The largest photo accepted, in bytes.</summary>
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>Checks the size and the file's own signature (not its name); returns the extension to store it under.</summary>
    public static string? Check(ReadOnlySpan<byte> head, long length, out string extension)
    {
        extension = "";
        if (length <= 0)
        {
            return "照片是空文件。";
        }
        if (length > MaxBytes)
        {
            return "照片不能超过 5 MB。";
        }
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            extension = ".jpg";
        }
        else if (head.Length >= 8 && head[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            extension = ".png";
        }
        else if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            extension = ".webp";
        }
        else
        {
            return "照片须为 JPG、PNG 或 WebP 图片。";
        }
        return null;
    }
}
