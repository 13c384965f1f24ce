using System.Globalization;
using Rds.Registrations;

namespace Rds.Tools.Generation;

/// <summary>Twenty registrars with a long-tailed market share (weight 1/rank), like a real gTLD's.</summary>
internal static class RegistrarPool
{
    private static readonly string[] Names =
    [
        "Example Registrar, Inc.", "Big Domains LLC", "Registrar of Tests GmbH", "Global Names Ltd",
        "Cheap Names Direct", "Nordic Domains AB", "Domains de France SARL", "Pacific Registry Services K.K.",
        "Orbit Names B.V.", "Domain Forge Oy", "Iberia Dominios S.L.", "Sample Registrar Corp.",
        "Placeholder Names Inc.", "Bulk Registrations Ltd", "Alpine Domains AG", "Harbour Registrar Pty Ltd",
        "Maple Names Inc.", "Budget Host Registrar", "Quick Domains LLC", "Last Resort Registrar SIA",
    ];

    public static readonly IReadOnlyList<Registrar> All = Names.Select(Create).ToArray();

    /// <summary>Registrars whose weak verification abusers favour: the ones campaigns register through.</summary>
    public static readonly IReadOnlyList<int> FavouredByAbusers = [4, 13, 17, 18, 19];

    private static readonly double[] CumulativeWeights = CumulativeInverseRank(Names.Length);

    public static Registrar Pick(SplitMix64 random) => All[random.PickWeighted(CumulativeWeights)];

    private static Registrar Create(string name, int rank)
    {
        var slug = new string(name.ToLowerInvariant().TakeWhile(character => character != ',').Select(character => char.IsAsciiLetterOrDigit(character) ? character : '-').ToArray()).Trim('-').Replace("--", "-", StringComparison.Ordinal);
        return new Registrar
        {
            Name = name,
            IanaId = (1000 + (rank * 37)).ToString(CultureInfo.InvariantCulture),
            WhoisServer = $"whois.{slug}.example",
            Url = $"https://www.{slug}.example",
            AbuseEmail = $"abuse@{slug}.example",
            AbusePhone = $"+1.20255501{rank:D2}",
        };
    }

    private static double[] CumulativeInverseRank(int count)
    {
        var cumulative = new double[count];
        var total = 0.0;
        for (var rank = 0; rank < count; rank++)
        {
            total += 1.0 / (rank + 1);
            cumulative[rank] = total;
        }

        return cumulative;
    }
}
