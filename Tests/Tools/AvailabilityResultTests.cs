using Rds.Tools.Benchmarks;

namespace Rds.Tests.Tools;

public sealed class AvailabilityResultTests
{
    private static AvailabilitySample Sample(double started, double latency, int status = 200) =>
        new(TimeSpan.FromSeconds(started), TimeSpan.FromSeconds(latency), status);

    [Fact]
    public void Disturbed_requests_are_placed_relative_to_the_kill_and_counted_by_kind()
    {
        AvailabilitySample[] samples =
        [
            Sample(9.5, 0.01), Sample(10.2, 0.01),
            Sample(10.5, 30, status: 503), Sample(11.0, 2.5), Sample(12.25, 0.2, status: 0),
            Sample(14.0, 0.01),
        ];

        var result = AvailabilityResult.From(samples, killedAt: TimeSpan.FromSeconds(10), slow: TimeSpan.FromSeconds(1), concurrency: 4, requestors: 2);

        Assert.Equal(6, result.Requests);
        Assert.Equal(new Dictionary<int, long> { [0] = 1, [503] = 1 }, result.FailedByStatus);
        Assert.Equal(1, result.Slow);
        Assert.Equal(0.5, result.FirstDisturbedStart);
        Assert.Equal(2.25, result.LastDisturbedStart);
        Assert.Equal(30.5, result.LastDisturbedEnd);
        Assert.Equal([9, 10, 11, 12, 14], result.Timeline.Select(second => second.Second));
        Assert.Equal((1, 1, 0), (result.Timeline[1].Ok, result.Timeline[1].Failed, result.Timeline[1].Slow));
        Assert.Contains("after the kill", result.Format());
    }

    [Fact]
    public void A_quiet_run_reports_no_disturbance()
    {
        var result = AvailabilityResult.From([Sample(0.1, 0.01), Sample(0.2, 0.02)], killedAt: null, slow: TimeSpan.FromSeconds(1), concurrency: 1, requestors: 1);

        Assert.Null(result.FirstDisturbedStart);
        Assert.Empty(result.FailedByStatus);
        Assert.Contains("no request failed or was slow", result.Format());
    }
}
