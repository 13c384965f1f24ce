using Rds.Grains.Requestors;

namespace Rds.Tests.Infrastructure;

/// <summary>A cluster whose abuse watch trips at small numbers, so its rules can be exercised in a few requests.</summary>
public sealed class AbuseWatchFixture : ClusterFixture
{
    public const int Threshold = 6;

    protected override void ConfigureAbuseWatch(AbuseWatchOptions watch)
    {
        watch.MalformedRequests = Threshold;
        watch.RepeatedRequests = Threshold;
        watch.EmptyResultsMinimum = Threshold;
        watch.EmptyResultsShare = 0.9;
        watch.SourcesPerKey = int.MaxValue;
        watch.PivotsPerCasePerDay = Threshold;
        watch.Throttle = TimeSpan.FromMinutes(15);
    }
}
