using System.Text.Json;
using Rds.Domains;
using Rds.Registrations;

namespace Rds.Gateway.Admin;

/// <summary>
/// Turns one pushed record into a grain upsert: parse, normalise, then store through the domain grain, which alone
/// decides whether the change is newer. A record that fails any step is not written at all.
/// </summary>
internal sealed class IngestionService(IGrainFactory grains)
{
    public async Task<IngestionResult> UpsertAsync(ReadOnlyMemory<byte> json, string? expectedName = null)
    {
        RegistrationRecord? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<RegistrationRecord>(json.Span, RegistrationJson.Options);
        }
        catch (JsonException invalid)
        {
            return IngestionResult.Invalid(null, Describe(invalid));
        }
        if (parsed is null)
            return IngestionResult.Invalid(null, "The record is null.");

        var normalized = RegistrationNormalizer.Normalize(parsed);
        if (!normalized.IsValid)
            return IngestionResult.Invalid(parsed.DomainName, normalized.Errors.ToArray());
        var record = normalized.Record!;
        if (expectedName is not null && record.DomainName != expectedName)
            return IngestionResult.Invalid(record.DomainName, $"The record is for '{record.DomainName}', not for '{expectedName}' named in the URL.");

        var outcome = await grains.GetGrain<IDomainGrain>(record.DomainName).UpsertAsync(record);
        return IngestionResult.Of(record.DomainName, outcome);
    }

    // System.Text.Json names the JSON path and position of the fault; its message may echo a value, so keep it short.
    private static string Describe(JsonException invalid)
    {
        var where = invalid.Path is { Length: > 0 } path ? $" at {path}" : "";
        var reason = invalid.Message.Split(" Path:", 2)[0];
        if (reason.Length > 200)
            reason = reason[..200] + "…";
        return $"Invalid JSON{where}: {reason}";
    }
}
