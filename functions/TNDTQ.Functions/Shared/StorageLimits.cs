namespace Tndtq.Shared;

/// <summary>
/// What Azure Table Storage refuses, checked before a write so that a record it would refuse is
/// never half-written or journaled: a key of at most 1 KiB without <c>/ \ # ?</c> or control
/// characters, a string property of at most 64 KiB (32,768 characters), an entity of at most 1 MiB.
/// The limits at the edge (<see cref="Input"/>) keep every request far below these; this is the net under them.
/// </summary>
public static class StorageLimits
{
    public const int MaxStringChars = 32 * 1024;
    const int MaxEntityBytes = 1024 * 1024 - 16 * 1024; // headroom for system properties and names

    /// <summary>Why storage would refuse this row (null: it would not).</summary>
    public static string? Problem(string rowKey, IEnumerable<KeyValuePair<string, object?>>? properties)
    {
        if (rowKey.Length > 512 || rowKey.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))) return $"row key {rowKey[..Math.Min(rowKey.Length, 60)]}";
        var bytes = rowKey.Length * 2;
        foreach (var (name, value) in properties ?? [])
        {
            bytes += name.Length * 2 + 8;
            switch (value)
            {
                case string s when s.Length > MaxStringChars: return $"property {name} of {rowKey}: {s.Length} characters";
                case string s: bytes += s.Length * 2 + 4; break;
                case byte[] b: bytes += b.Length + 4; break;
                default: bytes += 8; break;
            }
        }
        return bytes > MaxEntityBytes ? $"row {rowKey}: {bytes} bytes" : null;
    }

    public static ProblemException TooLarge() =>
        new(Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest, Texts.ValidationFailed, Texts.RecordTooLarge, "record-too-large");
}
