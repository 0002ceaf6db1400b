namespace Tndtq.Shared;

/// <summary>
/// Files people may attach (proposal documents, nomination evidence): PDF, DOCX, JPG and PNG only,
/// recognised by their content (the file's first bytes), not by the name the user gave, and at most
/// 20 MB. Stored under names the system makes; the user's file name is kept only as metadata.
/// </summary>
public static class Attachments
{
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>
    /// The kind of file the content is, with its extension and media type; null when not allowed.
    /// Not only the first bytes: the file must also end as its kind ends (a PDF's <c>%%EOF</c>, a PNG's
    /// IEND chunk, a JPEG's end marker, a Word document's parts), so a stub or a truncated upload is refused.
    /// </summary>
    public static (string Extension, string ContentType)? Recognise(byte[] content)
    {
        if (content.Length is < MinBytes or > MaxBytes) return null;
        if (IsPdf(content)) return (".pdf", "application/pdf");
        if (IsPng(content)) return (".png", "image/png");
        if (IsJpeg(content)) return (".jpg", "image/jpeg");
        if (IsDocx(content)) return (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        return null;
    }

    /// <summary>Smaller than any real document or picture.</summary>
    const int MinBytes = 64;

    static bool Starts(byte[] content, params byte[] magic) => content.AsSpan().StartsWith(magic);
    static bool TailContains(byte[] content, int tail, ReadOnlySpan<byte> marker) => content.AsSpan(Math.Max(0, content.Length - tail)).IndexOf(marker) >= 0;

    static bool IsPdf(byte[] c) =>
        Starts(c, "%PDF-"u8.ToArray()) && c.Length > 8 && char.IsAsciiDigit((char)c[5]) && c[6] == '.' &&
        TailContains(c, 1024, "%%EOF"u8) && c.AsSpan().IndexOf(" obj"u8) > 0;

    static bool IsPng(byte[] c) =>
        Starts(c, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A) && c.AsSpan(12, 4).SequenceEqual("IHDR"u8) && TailContains(c, 64, "IEND"u8);

    static bool IsJpeg(byte[] c) => Starts(c, 0xFF, 0xD8, 0xFF) && TailContains(c, 64, [0xFF, 0xD9]);

    static bool IsDocx(byte[] content)
    {
        if (!Starts(content, 0x50, 0x4B, 0x03, 0x04)) return false;
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(content), System.IO.Compression.ZipArchiveMode.Read);
            return zip.GetEntry("word/document.xml") is { Length: > 0 } && zip.GetEntry("[Content_Types].xml") is not null;
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or ArgumentException) { return false; }
    }
}
