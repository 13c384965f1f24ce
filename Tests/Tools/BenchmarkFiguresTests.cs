using System.Text;
using System.Text.Json;
using HdrHistogram;
using Rds.Tools.Benchmarks;

namespace Rds.Tests.Tools;

public sealed class BenchmarkFiguresTests
{
    [Fact]
    public void Summary_takes_percentiles_in_milliseconds_and_the_rate_from_the_count()
    {
        var histogram = new LongHistogram(60_000_000, 3);
        for (var micros = 1; micros <= 100; micros++)
        {
            histogram.RecordValue(micros * 1000);
        }

        var summary = LatencySummary.From("target", histogram, errors: 2, TimeSpan.FromSeconds(4));

        Assert.Equal(100, summary.Requests);
        Assert.Equal(2, summary.Errors);
        Assert.Equal(25.0, summary.RequestsPerSecond);
        Assert.Equal(50.0, summary.P50Ms, precision: 1);
        Assert.Equal(99.0, summary.P99Ms, precision: 0);
        Assert.Equal(100.0, summary.MaxMs, precision: 0);
    }

    [Fact]
    public void Lookup_table_shows_both_targets_and_the_ratio_of_their_rates()
    {
        var result = new LookupBenchmarkResult(
            32,
            6662,
            new LatencySummary("gateway", 20_000, 0, 10, 2_000, 10.5, 70.25, 160),
            new LatencySummary("fixed", 20_000, 0, 1, 20_000, 1.5, 7.5, 25));

        var table = BenchmarkTable.FormatLookup(result);

        Assert.Equal(0.1, result.Ratio, precision: 6);
        Assert.Contains("gateway", table, StringComparison.Ordinal);
        Assert.Contains("   2,000    10.50    70.25   160.00", table, StringComparison.Ordinal);
        Assert.Contains("10.0 %", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ratio_is_real_over_raw_and_zero_without_a_raw_rate()
    {
        Assert.Equal(0.25, new ImportBenchmarkResult(1000, 10, 100, 1000, 0, 2.5, 400, 4).Ratio);
        Assert.Equal(0, new ImportBenchmarkResult(0, 0, 0, 0, 0, 0, 0, 4).Ratio);
    }

    [Theory]
    [InlineData(6662)]
    [InlineData(45)]
    public void Fixed_body_is_json_of_the_asked_size(int bytes)
    {
        var body = FixedBodyServer.Body(bytes);

        Assert.Equal(bytes, body.Length);
        using var document = JsonDocument.Parse(body);
        Assert.Equal("domain", document.RootElement.GetProperty("objectClassName").GetString());
    }

    [Fact]
    public void Fixed_body_smaller_than_its_frame_is_the_smallest_valid_one()
    {
        var body = FixedBodyServer.Body(1);

        Assert.Equal("{\"objectClassName\":\"domain\",\"padding\":\"\"}", Encoding.UTF8.GetString(body));
    }
}
