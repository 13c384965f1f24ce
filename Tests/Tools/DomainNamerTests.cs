using Rds.Tools.Generation;

namespace Rds.Tests.Tools;

public sealed class DomainNamerTests
{
    [Fact]
    public void Every_word_combination_gives_a_distinct_label()
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        for (long combination = 0; combination < DomainNamer.CombinationCount; combination++)
        {
            Assert.True(labels.Add(DomainNamer.ComposeLabel(combination)), $"duplicate label for combination {combination}");
        }
    }

    [Fact]
    public void Ordinals_past_the_word_combinations_still_give_distinct_labels()
    {
        var namer = new DomainNamer(3);
        var labels = new HashSet<string>(StringComparer.Ordinal);
        for (long ordinal = DomainNamer.CombinationCount - 20_000; ordinal < DomainNamer.CombinationCount + 20_000; ordinal++)
        {
            var label = namer.OrdinaryLabel(ordinal);
            Assert.True(labels.Add(label), $"duplicate label {label} at ordinal {ordinal}");
            Assert.InRange(label.Length, 1, 63);
        }
    }
}
