using System.Globalization;

namespace Rds.Tools.Generation;

/// <summary>
/// Makes domain names that are unique by construction, so a million names need no set to check against:
/// <list type="bullet">
/// <item>ordinary labels are adjective + noun + qualifier, picked by a seeded bijection of their ordinal, with
/// <c>-N</c> appended once the combinations run out (qualifiers are letters, so the suffix is unambiguous);</item>
/// <item>IDN labels are a U-label word + <c>-N</c>, N a running number; their A-labels start with <c>xn--</c>,
/// which no ordinary label does;</item>
/// <item>campaign labels are a stem ending in a letter directly followed by a number unique across campaigns,
/// which no ordinary label looks like (theirs end in a letter or in <c>-digits</c>).</item>
/// </list>
/// </summary>
internal sealed class DomainNamer
{
    public static readonly string[] Tlds = ["example", "test"];

    private static readonly IdnMapping Idn = new();

    private readonly long multiplier;
    private readonly long offset;

    public DomainNamer(ulong seed)
    {
        var random = SplitMix64.Derive(seed, GenerationStreams.Names, 0);
        offset = random.NextLong(CombinationCount);
        multiplier = random.NextLong(CombinationCount - 1) + 1;
        while (GreatestCommonDivisor(multiplier, CombinationCount) != 1)
        {
            multiplier++;
        }
    }

    public static long CombinationCount => (long)Vocabulary.Adjectives.Length * Vocabulary.Nouns.Length * Vocabulary.Qualifiers.Length;

    /// <summary>The label of the ordinal-th ordinary name (0-based; distinct ordinals give distinct labels).</summary>
    public string OrdinaryLabel(long ordinal)
    {
        var round = ordinal / CombinationCount;
        var combination = (long)(((UInt128)(ulong)(ordinal % CombinationCount) * (ulong)multiplier + (ulong)offset) % (ulong)CombinationCount);
        var label = ComposeLabel(combination);
        return round == 0 ? label : $"{label}-{round + 1}";
    }

    /// <summary>Adjective, noun and qualifier for one combination number; a bijection on [0, combinations).</summary>
    public static string ComposeLabel(long combination)
    {
        var qualifier = Vocabulary.Qualifiers[combination % Vocabulary.Qualifiers.Length];
        combination /= Vocabulary.Qualifiers.Length;
        var noun = Vocabulary.Nouns[combination % Vocabulary.Nouns.Length];
        var adjective = Vocabulary.Adjectives[combination / Vocabulary.Nouns.Length];
        return adjective + noun + qualifier;
    }

    /// <summary>The U-label and lower-case A-label of the ordinal-th IDN name.</summary>
    public static (string ALabel, string ULabel) IdnLabel(long ordinal, string word)
    {
        var unicode = $"{word}-{ordinal + 1}";
        return (Idn.GetAscii(unicode).ToLowerInvariant(), unicode);
    }

    public static string CampaignLabel(string stem, long number) => stem + number.ToString(CultureInfo.InvariantCulture);

    private static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
