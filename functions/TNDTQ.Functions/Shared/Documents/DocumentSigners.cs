namespace Tndtq.Shared.Documents;

/// <summary>
/// Who signs an issuing body's documents, as data knows them: the signature's title lines as printed ("KT. CHỦ TỊCH" over
/// "PHÓ CHỦ TỊCH" for a deputy signing on the head's behalf) and the signer's name.
/// </summary>
public sealed record DocumentSigner(string Title, string Name);

/// <summary>
/// The one place a slice asks who signs for an issuing body (e.g. "ỦY BAN NHÂN DÂN QUẬN NINH KIỀU") when the decider has a role.
/// Today the award catalogue knows the signers (Commendations implements it); issue #24's units data may take it over here.
/// </summary>
public interface IDocumentSigners
{
    /// <summary>The body's signer for documents decided by <paramref name="decidedBy"/>; null when no data names one.</summary>
    Task<DocumentSigner?> FindAsync(string issuingBody, Role decidedBy, CancellationToken ct = default);
}
