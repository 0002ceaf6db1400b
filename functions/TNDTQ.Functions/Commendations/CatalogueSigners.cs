using Tndtq.Shared;
using Tndtq.Shared.Documents;

namespace Tndtq.Commendations;

/// <summary>
/// The signers the award catalogue knows (<see cref="AwardForm.IssuingBody"/>, <see cref="AwardForm.SignerTitle"/>, <see cref="AwardForm.SignerName"/>):
/// the form decided by the role whose issuing body is the one asked for (compared without case, spaces or diacritics' spelling), its title
/// written as the commendation documents write it (<see cref="CommendationTexts.SignatureTitle"/>).
/// </summary>
public sealed class CatalogueSigners(CommendationStore store) : IDocumentSigners
{
    public async Task<DocumentSigner?> FindAsync(string issuingBody, Role decidedBy, CancellationToken ct = default)
    {
        var body = Key(issuingBody);
        var form = (await store.CatalogueAsync()).Where(f => f.DecidedBy == decidedBy && Key(f.IssuingBody) == body && f.SignerTitle.Trim().Length > 0)
            .OrderBy(f => f.Id, StringComparer.Ordinal).FirstOrDefault();
        return form is null ? null : new DocumentSigner(CommendationTexts.SignatureTitle(form.SignerTitle), form.SignerName.Trim());
    }

    static string Key(string text) => VietnameseText.Fold(text).Replace(" ", "");
}
