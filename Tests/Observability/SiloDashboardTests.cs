using System.Net;
using Microsoft.Extensions.Configuration;
using Rds.Hosting;
using Rds.Silo.Hosting;

namespace Rds.Tests.Observability;

/// <summary>The dashboard shows grain state: on a silo where it is enabled, only the operator key opens it.</summary>
[Collection(SiloHostCollection.Name)]
public sealed class SiloDashboardTests(SiloHostFixture fixture)
{
    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/DashboardCounters")]
    [InlineData("/dashboard/GrainState?grainId=x&grainType=y")]
    public async Task The_dashboard_asks_a_browser_for_the_operator_key(string path)
    {
        var anonymous = await fixture.GetAsync(path, null);
        var scraper = await fixture.GetAsync(path, SiloHostFixture.Bearer(SiloHostFixture.ScrapeKey));
        var guessed = await fixture.GetAsync(path, SiloHostFixture.Basic("operator", "not-the-operator-key"));

        Assert.All(new[] { anonymous, scraper, guessed }, response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
        Assert.StartsWith("Basic realm=\"rds-operator\"", anonymous.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task The_operator_key_opens_the_dashboard_as_a_browser_password_or_a_bearer_token()
    {
        var page = await fixture.GetAsync("/dashboard/", SiloHostFixture.Basic("anyone", SiloHostFixture.OperatorKey));
        var counters = await fixture.GetAsync("/dashboard/DashboardCounters", SiloHostFixture.Bearer(SiloHostFixture.OperatorKey));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.Equal("application/json", counters.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void A_dashboard_enabled_without_an_operator_key_stops_the_silo_at_start_unless_anonymous_access_is_allowed()
    {
        IConfiguration Configuration(params (string Key, string Value)[] values) =>
            new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();

        var failure = Assert.Throws<RdsConfigurationException>(() => SiloDashboard.IsEnabled(Configuration((SiloDashboard.EnabledKey, "true"))));
        Assert.Contains("Admin:OperatorKeySha256", failure.Message);
        Assert.True(SiloDashboard.IsEnabled(Configuration((SiloDashboard.EnabledKey, "true"), (SiloDashboard.AllowAnonymousKey, "true"))));
        Assert.True(SiloDashboard.IsEnabled(Configuration((SiloDashboard.EnabledKey, "true"), ("Admin:OperatorKeySha256", new string('a', 64)))));
        Assert.Throws<RdsConfigurationException>(() => SiloDashboard.IsEnabled(Configuration((SiloDashboard.EnabledKey, "true"), ("Admin:OperatorKeySha256", "operator-key"))));
        Assert.False(SiloDashboard.IsEnabled(Configuration()));
    }
}
