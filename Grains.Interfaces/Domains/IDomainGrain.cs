using System.Collections.Immutable;
using Rds.Attributes;
using Rds.Disclosure;
using Rds.Registrations;

namespace Rds.Domains;

/// <summary>One domain's current registration record. Key: the normalised A-label name.</summary>
[Alias("rds.IDomainGrain")]
public interface IDomainGrain : IGrainWithStringKey
{
    /// <summary>Stores a normalised record unless the stored one is newer; idempotent for a repeated version.</summary>
    Task<UpsertOutcome> UpsertAsync(RegistrationRecord record);

    /// <summary>Deletes the registration as of <paramref name="deletedAt"/>; later upserts older than that are refused.</summary>
    Task<DeleteOutcome> DeleteAsync(DateTimeOffset deletedAt);

    /// <summary>The current record shaped for <paramref name="request"/>, or null when the name is not registered.</summary>
    Task<DisclosedRegistration?> LookupAsync(DisclosureRequest request);

    /// <summary>
    /// The normalised attribute values of the current record, or null when the name is not registered. For pivots
    /// inside the cluster: values may be personal data, so the gateway never passes them on undisclosed.
    /// </summary>
    Task<ImmutableArray<AttributeValue>?> AttributesAsync();
}
