using Rds.Domains;

namespace Rds.Gateway.Admin;

/// <summary>The outcome of ingesting one record: the grain's verdict, or why it never reached the grain.</summary>
internal sealed record IngestionResult(string? DomainName, UpsertOutcome? Outcome, IReadOnlyList<string> Errors)
{
    public static IngestionResult Of(string domainName, UpsertOutcome outcome) => new(domainName, outcome, []);

    public static IngestionResult Invalid(string? domainName, params string[] errors) => new(domainName, null, errors);
}
