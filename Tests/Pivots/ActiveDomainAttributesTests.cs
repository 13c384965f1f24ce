using System.Collections.Immutable;
using Rds.Attributes;
using Rds.Grains.Pivots;

namespace Rds.Tests.Pivots;

/// <summary>What pivots read instead of calling a domain grain is what that grain would answer, or nothing.</summary>
public sealed class ActiveDomainAttributesTests
{
    private static readonly ImmutableArray<AttributeValue> Old = [new(AttributeKind.NameserverName, "ns1.old.example")];
    private static readonly ImmutableArray<AttributeValue> New = [new(AttributeKind.NameserverName, "ns1.new.example")];

    [Fact]
    public void Published_values_are_read_while_their_activation_lives()
    {
        var active = new ActiveDomainAttributes();
        var activation = new TaskCompletionSource();

        active.Publish("a.example", Old, activation.Task);

        Assert.True(active.TryGet("a.example", out var values));
        Assert.Equal(Old, values);
        Assert.False(active.TryGet("b.example", out _));
    }

    [Fact]
    public async Task Values_of_an_ended_activation_are_not_read_and_are_freed()
    {
        var active = new ActiveDomainAttributes();
        var activation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        active.Publish("a.example", Old, activation.Task);

        activation.SetResult();

        Assert.False(active.TryGet("a.example", out _));
        for (var i = 0; i < 100 && active.Count > 0; i++)
            await Task.Delay(10);
        Assert.Equal(0, active.Count);
    }

    [Fact]
    public void A_withdrawn_domain_is_not_read()
    {
        var active = new ActiveDomainAttributes();
        active.Publish("a.example", Old, new TaskCompletionSource().Task);

        active.Withdraw("a.example");

        Assert.False(active.TryGet("a.example", out _));
    }

    [Fact]
    public async Task The_end_of_an_earlier_activation_leaves_the_values_of_a_later_one()
    {
        var active = new ActiveDomainAttributes();
        var earlier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var later = new TaskCompletionSource();
        active.Publish("a.example", Old, earlier.Task);
        active.Publish("a.example", New, later.Task);

        earlier.SetResult();
        await Task.Delay(50);

        Assert.True(active.TryGet("a.example", out var values));
        Assert.Equal(New, values);
    }

    [Fact]
    public async Task A_value_republished_by_the_same_activation_replaces_the_last_and_goes_with_it()
    {
        var active = new ActiveDomainAttributes();
        var activation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        active.Publish("a.example", Old, activation.Task);
        active.Publish("a.example", New, activation.Task);

        Assert.True(active.TryGet("a.example", out var values));
        Assert.Equal(New, values);

        activation.SetResult();
        for (var i = 0; i < 100 && active.Count > 0; i++)
            await Task.Delay(10);
        Assert.Equal(0, active.Count);
    }
}
