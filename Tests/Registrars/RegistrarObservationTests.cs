using Rds.Grains.Registrars;
using Rds.Registrations;

namespace Rds.Tests.Registrars;

public sealed class RegistrarObservationTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Registrar Held = new() { Name = "Example Registrar", IanaId = "292", Url = "https://registrar.example" };
    private static readonly RegistrarState Current = new() { Registrar = Held, AsOf = Day1, StoredAt = Day1 };

    [Fact]
    public void The_first_record_of_a_registrar_is_taken()
    {
        Assert.Equal(RegistrarObservation.Replace, RegistrarObservations.Decide(new RegistrarState(), Held, Day1));
    }

    [Fact]
    public void Different_details_in_a_newer_record_replace_the_held_ones()
    {
        Assert.Equal(RegistrarObservation.Replace, RegistrarObservations.Decide(Current, Held with { Name = "Renamed Registrar" }, Day1.AddDays(1)));
    }

    [Fact]
    public void The_same_details_in_a_newer_record_only_advance_the_date()
    {
        Assert.Equal(RegistrarObservation.Advance, RegistrarObservations.Decide(Current, Held with { }, Day1.AddDays(1)));
    }

    [Fact]
    public void An_older_record_or_the_same_version_again_changes_nothing_whatever_it_says()
    {
        Assert.Equal(RegistrarObservation.Ignore, RegistrarObservations.Decide(Current, Held with { Name = "Old Name" }, Day1.AddDays(-1)));
        Assert.Equal(RegistrarObservation.Ignore, RegistrarObservations.Decide(Current, Held with { Name = "Same Date" }, Day1));
        Assert.Equal(RegistrarObservation.Ignore, RegistrarObservations.Decide(Current, Held, Day1));
    }
}
