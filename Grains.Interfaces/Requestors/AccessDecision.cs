using Rds.Disclosure;

namespace Rds.Requestors;

/// <summary>The answer to an access request: on a grant, the disclosure it allows; otherwise why not.</summary>
[GenerateSerializer, Immutable, Alias("rds.AccessDecision")]
public sealed record AccessDecision
{
    [Id(0)] public required AccessOutcome Outcome { get; init; }

    [Id(1)] public string? Reason { get; init; }

    [Id(2)] public DisclosureRequest? Disclosure { get; init; }

    [Id(3)] public TimeSpan RetryAfter { get; init; }

    /// <summary>The request's case is confidential (recorded in the audit so access reports can leave it out while it is open).</summary>
    [Id(4)] public bool CaseConfidential { get; init; }

    /// <summary>Records reserved with the decision, when asked for; <c>Granted = 0</c> means over quota.</summary>
    [Id(5)] public RecordReservation? Reservation { get; init; }

    public static AccessDecision Refuse(string reason) => new() { Outcome = AccessOutcome.Refused, Reason = reason };

    public static AccessDecision UnknownKey { get; } = new() { Outcome = AccessOutcome.UnknownKey, Reason = "The API key is not valid." };
}
