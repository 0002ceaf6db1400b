namespace Tndtq.Shared;

/// <summary>Files people may attach (proposal documents, nomination evidence): PDF, Word, images; recognised by name and size.</summary>
public static class Attachments
{
    public const int MaxBytes = 20 * 1024 * 1024;
    static readonly string[] Extensions = [".pdf", ".docx", ".doc", ".jpg", ".jpeg", ".png"];

    public static bool IsAllowed(string fileName, byte[] content) =>
        content.Length is > 0 and <= MaxBytes && Extensions.Contains(Path.GetExtension(fileName).ToLowerInvariant());
}
