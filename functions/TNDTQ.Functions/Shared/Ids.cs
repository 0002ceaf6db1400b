namespace Tndtq.Shared;

/// <summary>Identifiers in routes and keys: lowercase ASCII letters, digits and '-', at most 64 characters.</summary>
public static class Ids
{
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 80 && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    public static bool IsValidWardId(string? wardId) => IsValidId(wardId);

    public static void RequireWardId(string wardId)
    {
        if (!IsValidWardId(wardId)) throw ProblemException.NotFound(Texts.WardNotFound);
    }
}
