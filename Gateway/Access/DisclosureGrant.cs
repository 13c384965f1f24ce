using Rds.Disclosure;
using Rds.Requestors;

namespace Rds.Gateway.Access;

/// <summary>
/// The granted access of the current request, set by <see cref="DisclosureAccessFilter"/>. Reading it where none was
/// granted throws: a data endpoint mapped without <see cref="DisclosureAccess.RequireDisclosureAccess"/> fails loudly
/// instead of disclosing to anybody.
/// </summary>
internal sealed record DisclosureGrant(string RequestorId, AccessRequest Access, DisclosureRequest Disclosure, Audit.AuditScope Audit)
{
    private static readonly object ItemKey = new();

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;

    public static DisclosureGrant Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var grant) && grant is DisclosureGrant granted
            ? granted
            : throw new InvalidOperationException($"The endpoint {context.Request.Path} discloses data but does not require disclosure access.");
}
