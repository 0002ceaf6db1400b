namespace Tndtq.Commendations.Documents;

/// <summary>The commendation's templates (<c>Templates/*.txt</c> beside this file; an office's blob of the same name wins, <see cref="Shared.Documents.TemplateStore"/>).</summary>
public static class CommendationTemplates
{
    public const string Decision = "quyet-dinh-khen-thuong";
    public const string Certificate = "giay-khen";
}
