using Rds.Audit;
using Rds.Disclosure;
using Rds.Gateway.Audit;
using Rds.Gateway.Rdap;
using Rds.Requestors;

namespace Rds.Gateway.Access;

/// <summary>
/// The granted access of the current request, set by <see cref="DisclosureAccessFilter"/>: what it may see, its
/// audit, and its share of the requestor's record quota. Reading it where none was granted throws: a data endpoint
/// mapped without <see cref="DisclosureAccess.RequireDisclosureAccess"/> fails loudly instead of disclosing to anybody.
/// </summary>
internal sealed class DisclosureGrant(IRequestorGrain requestor, AccessRequest access, DisclosureRequest disclosure, AuditScope audit, RecordReservation? upfront,
    AccessMetrics metrics)
{
    private static readonly object ItemKey = new();
    private int _reserved = upfront?.Granted ?? 0;
    private int _upfront = upfront?.Granted ?? 0;
    private DateOnly _reservedOn = upfront?.Day ?? default;

    public AccessRequest Access => access;

    public DisclosureRequest Disclosure => disclosure;

    public AuditScope Audit => audit;

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;

    public static DisclosureGrant Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var grant) && grant is DisclosureGrant granted
            ? granted
            : throw new InvalidOperationException($"The endpoint {context.Request.Path} discloses data but does not require disclosure access.");

    /// <summary>
    /// Takes up to <paramref name="records"/> from the requestor's daily quota before the work; the endpoint cuts its
    /// work to the number granted. Over quota: the audited 429 to answer instead.
    /// </summary>
    public async Task<(int Granted, IResult? OverQuota)> ReserveAsync(int records, bool pivot = false)
    {
        if (!pivot && _upfront > 0)
        {
            // Reserved with the access decision already.
            var taken = Math.Min(records, _upfront);
            _upfront -= taken;
            return (taken, null);
        }
        var reservation = await requestor.ReserveAsync(records, pivot ? access.CaseId : null);
        if (reservation.Granted == 0)
        {
            metrics.Denied(AccessDenial.OverQuota);
            await audit.RecordAsync(AuditDecision.Refused, "over quota: " + reservation.Reason);
            return (0, RdapError.Result(StatusCodes.Status429TooManyRequests, "Too Many Requests", reservation.RetryAfter, reservation.Reason!));
        }
        _reserved += reservation.Granted;
        _reservedOn = reservation.Day;
        return (reservation.Granted, null);
    }

    /// <summary>The reserved records the answer did not carry, to return with the request's observation.</summary>
    public int UnusedRecords => Math.Max(0, _reserved - audit.ResultCount);

    public DateOnly ReservedOn => _reservedOn;
}
