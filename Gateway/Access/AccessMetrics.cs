using System.Diagnostics.Metrics;
using Rds.Hosting;

namespace Rds.Gateway.Access;

/// <summary>
/// Counts the requests the gateway refuses to requestors, by reason and status, so that quota pressure (429), refusals
/// (403) and bad credentials (401) show apart. Its labels are the few values of <see cref="AccessDenial"/>: never a
/// requestor, key, domain name or address.
/// </summary>
internal sealed class AccessMetrics(IMeterFactory meters)
{
    private readonly Counter<long> _denials = meters.Create(RdsTelemetry.MeterName).CreateCounter<long>(
        "rds.access.denials", "{request}", "Requests refused to requestors, by reason and HTTP status.");

    public void Denied(AccessDenial denial) =>
        _denials.Add(1, new KeyValuePair<string, object?>("rds.denial.reason", Reason(denial)),
            new KeyValuePair<string, object?>("http.response.status_code", Status(denial)));

    private static string Reason(AccessDenial denial) => denial switch
    {
        AccessDenial.NoCredential => "no_credential",
        AccessDenial.InvalidCredential => "invalid_credential",
        AccessDenial.Refused => "refused",
        AccessDenial.Throttled => "throttled",
        AccessDenial.OverQuota => "over_quota",
        _ => throw new ArgumentOutOfRangeException(nameof(denial), denial, null),
    };

    private static int Status(AccessDenial denial) => denial switch
    {
        AccessDenial.NoCredential or AccessDenial.InvalidCredential => StatusCodes.Status401Unauthorized,
        AccessDenial.Refused => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status429TooManyRequests,
    };
}
