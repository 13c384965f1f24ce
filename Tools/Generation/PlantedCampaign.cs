using System.Collections.Immutable;
using System.Globalization;
using Rds.Registrations;

namespace Rds.Tools.Generation;

/// <summary>
/// One planted abuse campaign: a bulk registration whose domains share the attributes listed here. Every domain
/// of the campaign has its registrant email in <see cref="Emails"/> (when not empty), its organisation in
/// <see cref="Organizations"/>, its phone in <see cref="Phones"/>, and all of <see cref="Nameservers"/>.
/// </summary>
internal sealed record PlantedCampaign
{
    public required string Id { get; init; }

    public required CampaignKind Kind { get; init; }

    public required int Size { get; init; }

    /// <summary>Label stem; member m is named stem + (FirstNumber + m), unique across campaigns.</summary>
    public required string Stem { get; init; }

    public required long FirstNumber { get; init; }

    public required ImmutableArray<string> Tlds { get; init; }

    public required ImmutableArray<string> Emails { get; init; }

    public required ImmutableArray<string> Organizations { get; init; }

    public required ImmutableArray<string> Phones { get; init; }

    /// <summary>Dedicated nameservers; empty when the campaign uses ordinary hosting.</summary>
    public required ImmutableArray<Nameserver> Nameservers { get; init; }

    public required Registrar Registrar { get; init; }

    /// <summary>When the bulk registration started; members are created within <see cref="Spread"/> of it.</summary>
    public required DateTimeOffset Start { get; init; }

    public required TimeSpan Spread { get; init; }

    /// <summary>The member names, computed rather than stored so a large truth file costs no memory.</summary>
    public IEnumerable<string> DomainNames => Enumerable.Range(0, Size).Select(DomainName);

    public string DomainName(int member) =>
        DomainNamer.CampaignLabel(Stem, FirstNumber + member) + "." + Tlds[member % Tlds.Length];

    public string MemberHandle(int member) =>
        "K" + (FirstNumber + member).ToString(CultureInfo.InvariantCulture) + "-EXAMPLE";
}
