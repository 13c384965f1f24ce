using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Rds.Gateway;
using Rds.Disclosure;
using Rds.Grains.Requestors;
using Rds.Hosting;
using Rds.Requestors;

namespace Rds.Tests.Infrastructure;

/// <summary>
/// One Azurite, one in-process cluster and one gateway on a real Kestrel port, shared by the tests of the
/// "cluster" collection. Tests use their own domain names, so they never see each other's records.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public const string OperatorKey = "test-operator-key-3f9a1c";

    public const string AuditorKey = "test-auditor-key-77b2e0";

    /// <summary>The key Prometheus presents to read <c>/metrics</c>.</summary>
    public const string ScrapeKey = "test-scrape-key-41c9d2";

    /// <summary>The test identity provider's issuer, audience and HMAC signing key for requestor tokens.</summary>
    public const string TokenIssuer = "https://idp.test";
    public const string TokenAudience = "rds-gateway";
    public static readonly byte[] TokenSigningKey = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))];

    /// <summary>Small, so that paging is exercised with a handful of records.</summary>
    public const int SearchPageSize = 5;

    private AzuriteStorage? _storage;
    private InProcessTestCluster? _cluster;
    private WebApplication? _gateway;

    internal AzuriteStorage Storage => _storage!;

    internal RdsClusterSettings Settings { get; private set; } = null!;

    public InProcessTestCluster Cluster => _cluster!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>An accredited requestor's client asking for the public view (purpose dnsTransparency, no non-public element).</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>A client of the gateway without credentials.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>A client of the gateway that presents the operator key.</summary>
    public HttpClient Operator { get; private set; } = null!;

    /// <summary>A client of the gateway that presents the auditor key.</summary>
    public HttpClient Auditor { get; private set; } = null!;

    public Uri GatewayAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _storage = await StartStorageAsync();
        Settings = TestCluster.SettingsFor(_storage);
        _cluster = await TestCluster.StartAsync(Settings, Silos, silo =>
        {
            silo.Services.Configure<AbuseWatchOptions>(ConfigureAbuseWatch);
            ConfigureSilo(silo);
        }, ConfigureClient);
        var client = _cluster.Client;
        _gateway = GatewayApp.Build(
            ["--urls", "http://127.0.0.1:0", "--Admin:OperatorKey", OperatorKey, "--Audit:AuditorKey", AuditorKey, "--Metrics:ScrapeKey", ScrapeKey,
             "--Access:Jwt:Issuer", TokenIssuer, "--Access:Jwt:Audience", TokenAudience, "--Access:Jwt:SigningKey", Convert.ToBase64String(TokenSigningKey), "--Admin:MaxBulkBodyBytes", (4 * 1024 * 1024).ToString(), "--Rdap:SearchPageSize", SearchPageSize.ToString()],
            builder => builder.Services.AddSingleton<IGrainFactory>(client).AddSingleton<IClusterClient>(client));
        await _gateway.StartAsync();
        var address = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        GatewayAddress = new Uri(address);
        Anonymous = new HttpClient { BaseAddress = GatewayAddress };
        Operator = new HttpClient { BaseAddress = GatewayAddress };
        Operator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        Auditor = new HttpClient { BaseAddress = GatewayAddress };
        Auditor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AuditorKey);
        Http = await RequestorClientAsync("public-view", RdapPurpose.DnsTransparency);
    }

    /// <summary>
    /// Registers (or re-registers) a requestor accredited for <paramref name="purpose"/> with <paramref name="elements"/>,
    /// issues it a key, and returns a client that presents the key and states that purpose and those elements.
    /// </summary>
    public Task<HttpClient> RequestorClientAsync(string requestorId, RdapPurpose purpose, params DataElement[] elements) =>
        RequestorClientAsync(requestorId, Unlimited, purpose, elements);

    /// <summary>Quotas no test reaches unless it means to.</summary>
    public static readonly object Unlimited = new { requestsPerMinute = 1_000_000, burst = 100_000, recordsPerDay = 100_000_000, pivotsPerCasePerDay = 1_000_000 };

    public Task<HttpClient> RequestorClientAsync(string requestorId, object quotas, RdapPurpose purpose, params DataElement[] elements) =>
        RequestorClientAsync(requestorId, quotas, pseudonymise: false, purpose, elements);

    public async Task<HttpClient> RequestorClientAsync(string requestorId, object quotas, bool pseudonymise, RdapPurpose purpose, params DataElement[] elements)
    {
        var registration = new
        {
            name = $"Test requestor {requestorId}",
            kind = "cert",
            accreditingBody = "Test Accreditation Body",
            accreditedUntil = DateTimeOffset.UtcNow.AddYears(1),
            purposes = new Dictionary<string, string[]> { [purpose.WireName()] = [.. elements.Select(e => e.RedactedName())] },
            quotas,
            pseudonymise,
        };
        using (var registered = await Operator.PutAsJsonAsync($"/admin/requestors/{requestorId}", registration))
            registered.EnsureSuccessStatusCode();
        using var issued = await Operator.PostAsync($"/admin/requestors/{requestorId}/keys", null);
        issued.EnsureSuccessStatusCode();
        var token = (await issued.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>();

        var client = new HttpClient { BaseAddress = GatewayAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await OpenCaseAsync(client, CaseId, purpose);
        StateAccess(client.DefaultRequestHeaders, purpose, elements);
        return client;
    }

    /// <summary>Opens a case for the requestor whose key <paramref name="client"/> presents.</summary>
    public static async Task OpenCaseAsync(HttpClient client, string caseId, RdapPurpose purpose, bool confidential = false, int retentionDays = 30)
    {
        using var opened = await client.PostAsJsonAsync("/cases", new
        {
            caseId,
            purpose = purpose.WireName(),
            legalBasis = "gdpr-6-1-f",
            evidence = new[] { "https://reports.example/phish/4711" },
            retentionDays,
            confidential,
        });
        // A requestor given a second key already has the case.
        if (opened.StatusCode != System.Net.HttpStatusCode.Conflict)
            opened.EnsureSuccessStatusCode();
    }

    /// <summary>The case every test requestor opens and names by default.</summary>
    public const string CaseId = "CASE-2026-0001";

    /// <summary>The statements every disclosure request carries, filled with plausible test values.</summary>
    public static void StateAccess(HttpHeaders headers, RdapPurpose purpose, params DataElement[] elements)
    {
        headers.Add("RDS-Purpose", purpose.WireName());
        headers.Add("RDS-Legal-Basis", "gdpr-6-1-f");
        headers.Add("RDS-Case", CaseId);
        headers.Add("RDS-Justification", "Phishing campaign impersonating a bank, reported by our sensor network.");
        headers.Add("RDS-Evidence", "https://reports.example/phish/4711");
        headers.Add("RDS-Elements", elements.Length == 0 ? "none" : string.Join(", ", elements.Select(e => e.RedactedName())));
        headers.Add("RDS-Agreement", AgreementVersion);
    }

    /// <summary>A request with <paramref name="client"/>'s credential and statement, but naming another of its requestor's cases.</summary>
    /// <summary>
    /// A requestor's audit records, as the auditor reads them, once the log holds at least <paramref name="atLeast"/>:
    /// records reach the log through the audit queue a moment after their answers (or after 15 s, whatever it holds).
    /// </summary>
    public async Task<JsonObject[]> AuditRecordsAsync(string requestorId, int atLeast, string query = "?limit=1000")
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var response = await Auditor.GetAsync($"/audit/requestors/{requestorId}{query}");
            response.EnsureSuccessStatusCode();
            JsonObject[] records = [.. (await response.Content.ReadFromJsonAsync<JsonObject>())!["records"]!.AsArray().Cast<JsonObject>()];
            if (records.Length >= atLeast || DateTime.UtcNow > deadline)
                return records;
            await Task.Delay(50);
        }
    }

    public static HttpRequestMessage InCase(HttpClient client, HttpMethod method, string path, string caseId)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = client.DefaultRequestHeaders.Authorization;
        foreach (var header in client.DefaultRequestHeaders.Where(h => h.Key.StartsWith("RDS-") && h.Key != "RDS-Case"))
            request.Headers.Add(header.Key, header.Value);
        request.Headers.Add("RDS-Case", caseId);
        return request;
    }

    /// <summary>The gateway's default user agreement version.</summary>
    public const string AgreementVersion = "2026-12";

    private protected virtual Task<AzuriteStorage> StartStorageAsync() => AzuriteStorage.StartAsync();

    /// <summary>How many silos the cluster starts with.</summary>
    protected virtual int Silos => 1;

    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    protected virtual void ConfigureClient(IClientBuilder client)
    {
    }

    /// <summary>
    /// The shared cluster's tests repeat requests and send bad input on purpose, from few requestors: the abuse watch
    /// would throttle them. It is tested in a cluster of its own (<see cref="AbuseWatchFixture"/>).
    /// </summary>
    protected virtual void ConfigureAbuseWatch(AbuseWatchOptions watch)
    {
        watch.MalformedRequests = watch.RepeatedRequests = watch.EmptyResultsMinimum = watch.SourcesPerKey = watch.PivotsPerCasePerDay = int.MaxValue;
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        Anonymous?.Dispose();
        Operator?.Dispose();
        Auditor?.Dispose();
        if (_gateway is not null)
            await _gateway.DisposeAsync();
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        if (_storage is not null)
            await _storage.DisposeAsync();
    }
}
