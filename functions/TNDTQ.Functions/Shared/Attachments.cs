namespace Tndtq.Shared;

/// <summary>
/// Files people may attach (proposal documents, nomination evidence): PDF, DOCX, JPG and PNG only,
/// recognised by their content (the file's first bytes), not by the name the user gave, and at most
/// 20 MB. Stored under names the system makes; the user's file name is kept only as metadata.
/// </summary>
public static class Attachments
{
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>The kind of file the content is, with its extension and media type; null when not allowed.</summary>
    public static (string Extension, string ContentType)? Recognise(byte[] content)
    {
        if (content.Length is 0 or > MaxBytes) return null;
        bool Starts(params byte[] magic) => content.Length >= magic.Length && content.AsSpan(0, magic.Length).SequenceEqual(magic);
        if (Starts(0x25, 0x50, 0x44, 0x46, 0x2D)) return (".pdf", "application/pdf");                      // %PDF-
        if (Starts(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) return (".png", "image/png");
        if (Starts(0xFF, 0xD8, 0xFF)) return (".jpg", "image/jpeg");
        if (Starts(0x50, 0x4B, 0x03, 0x04) && IsDocx(content))
            return (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        return null;
    }

    static bool IsDocx(byte[] content)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(content), System.IO.Compression.ZipArchiveMode.Read);
            return zip.GetEntry("word/document.xml") is not null;
        }
        catch (InvalidDataException) { return false; }
    }
}
