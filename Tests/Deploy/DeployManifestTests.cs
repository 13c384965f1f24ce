using Microsoft.Extensions.Configuration;
using Rds.Gateway.Hosting;
using Rds.Hosting;
using Rds.Silo.Hosting;
using Rds.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Rds.Tests.Deploy;

/// <summary>
/// No container engine or cluster runs here, so the deploy artifacts are checked against the code instead: the
/// settings each manifest passes are read by the code's own configuration parsers and land on the ports the
/// manifest opens; probes call the paths the hosts serve; images, secrets and Dockerfiles refer to each other.
/// </summary>
public sealed class DeployManifestTests
{
    private static readonly string K8s = Path.Combine(RepositoryPaths.Deploy, "k8s");

    private static List<YamlMappingNode> Documents(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        // Compose files share settings through YAML merge keys (<<), which the merging parser resolves.
        stream.Load(new YamlDotNet.Core.MergingParser(new YamlDotNet.Core.Parser(reader)));
        return [.. stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>()];
    }

    private static List<YamlMappingNode> AllK8s() => [.. Directory.GetFiles(K8s, "*.yaml").SelectMany(Documents)];

    private static YamlMappingNode Kind(string kind, string name) =>
        AllK8s().Single(d => S(d, "kind") == kind && S(M(d, "metadata"), "name") == name);

    private static YamlMappingNode M(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static YamlSequenceNode Q(YamlNode node, string key) => (YamlSequenceNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    private static string? S(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static YamlMappingNode Container(YamlMappingNode deployment) => (YamlMappingNode)Q(M(M(M(deployment, "spec"), "template"), "spec"), "containers")[0];

    /// <summary>The configuration a container sees: its ConfigMap, then its env, with field and secret references given sample values.</summary>
    private static IConfiguration ConfigurationOf(YamlMappingNode container)
    {
        var values = new Dictionary<string, string?>();
        var configMap = M(Kind("ConfigMap", "orleans-rds"), "data");
        foreach (var (key, value) in configMap.Children)
            values[((YamlScalarNode)key).Value!.Replace("__", ":")] = ((YamlScalarNode)value).Value;
        foreach (var entry in Q(container, "env").Cast<YamlMappingNode>())
        {
            var name = S(entry, "name")!;
            string? value = S(entry, "value");
            if (value is null)
            {
                var from = M(entry, "valueFrom");
                value = from.Children.ContainsKey(new YamlScalarNode("fieldRef"))
                    ? S(M(from, "fieldRef"), "fieldPath") switch { "status.podIP" => "10.1.2.3", var path => path }
                    : SecretValue(S(M(from, "secretKeyRef"), "key")!);
            }
            values[name.Replace("__", ":")] = value;
        }
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    // Every secret a container reads must be declared in the Secret; sample values stand in for the placeholders.
    private static string SecretValue(string key)
    {
        var secret = M(Kind("Secret", "orleans-rds"), "stringData");
        Assert.True(secret.Children.ContainsKey(new YamlScalarNode(key)), $"the Secret does not declare {key}");
        return key switch
        {
            "Pseudonyms__MasterKey" => Convert.ToBase64String(new byte[32]),
            "Storage__ConnectionString" => "UseDevelopmentStorage=true",
            _ when key.EndsWith("Sha256", StringComparison.Ordinal) => new string('0', 64),
            _ => "sample",
        };
    }

    private static int Port(YamlMappingNode container, string name) =>
        int.Parse(S(Q(container, "ports").Cast<YamlMappingNode>().Single(p => S(p, "name") == name), "containerPort")!);

    private static (string Path, string Port) Probe(YamlMappingNode container, string probe) =>
        (S(M(M(container, probe), "httpGet"), "path")!, S(M(M(container, probe), "httpGet"), "port")!);

    /// <summary>Prometheus' pod annotations point at the port the container opens under <paramref name="portName"/> and the path the hosts serve.</summary>
    private static void AssertScraped(YamlMappingNode deployment, string portName)
    {
        var annotations = M(M(M(M(deployment, "spec"), "template"), "metadata"), "annotations");
        Assert.Equal("true", S(annotations, "prometheus.io/scrape"));
        Assert.Equal(Port(Container(deployment), portName).ToString(), S(annotations, "prometheus.io/port"));
        Assert.Equal(RdsTelemetry.ScrapePath, S(annotations, "prometheus.io/path"));
    }

    /// <summary>Metrics and the dashboard behind keys: digests of the scrape key (and operator key), and no anonymous access, which only local runs allow.</summary>
    private static void AssertMetricsNeedTheScrapeKey(IConfiguration configuration)
    {
        Assert.NotNull(configuration["Metrics:ScrapeKeySha256"]);
        Assert.Null(configuration["Metrics:ScrapeKey"]);
        Assert.Null(configuration[RdsTelemetry.AllowAnonymousScrapeKey]);
        Assert.Null(configuration[SiloDashboard.AllowAnonymousKey]);
    }

    [Fact]
    public void The_silo_deployment_configures_the_ports_it_opens_and_probes_the_paths_the_silo_serves()
    {
        var deployment = Kind("Deployment", "rds-silo");
        var container = Container(deployment);
        var configuration = ConfigurationOf(container);

        var endpoints = SiloEndpointSettings.FromConfiguration(configuration);
        var cluster = RdsClusterSettings.FromConfiguration(configuration);

        Assert.Equal(Port(container, "silo"), endpoints.SiloPort);
        Assert.Equal(Port(container, "gateway"), endpoints.GatewayPort);
        Assert.Equal(Port(container, "health"), endpoints.HealthPort);
        Assert.True(endpoints.ListenOnAnyAddress);
        Assert.Equal("10.1.2.3", endpoints.AdvertisedAddress.ToString());
        Assert.Equal("metadata.name", configuration["Orleans:SiloName"]);
        Assert.Equal("rds-prod", cluster.ClusterId);
        Assert.NotNull(cluster.PseudonymMasterKey);
        Assert.Equal((SiloHealth.ReadinessPath, "health"), Probe(container, "readinessProbe"));
        Assert.Equal((SiloHealth.LivenessPath, "health"), Probe(container, "livenessProbe"));
        AssertScraped(deployment, "health");
        AssertMetricsNeedTheScrapeKey(configuration);
        // The silo's own start-up check: the dashboard is on and the operator key's digest opens it.
        Assert.True(SiloDashboard.IsEnabled(configuration));
        Assert.Null(configuration["Admin:OperatorKey"]);
        Assert.Equal("0", S(M(M(M(deployment, "spec"), "strategy"), "rollingUpdate"), "maxUnavailable"));
        Assert.True(int.Parse(S(M(M(M(deployment, "spec"), "template"), "spec"), "terminationGracePeriodSeconds")!) >= 60);
    }

    [Fact]
    public void The_gateway_deployment_listens_where_its_service_and_probes_point()
    {
        var deployment = Kind("Deployment", "rds-gateway");
        var container = Container(deployment);
        var configuration = ConfigurationOf(container);

        var url = new Uri(configuration["ASPNETCORE_URLS"]!);
        Assert.Equal(Port(container, "http"), url.Port);
        Assert.Equal("0.0.0.0", url.Host);
        Assert.Equal((Readiness.ReadinessPath, "http"), Probe(container, "readinessProbe"));
        Assert.Equal((Readiness.LivenessPath, "http"), Probe(container, "livenessProbe"));
        Assert.Equal("rds-prod", RdsClusterSettings.FromConfiguration(configuration).ClusterId);
        // Staff keys as digests only: the keys themselves are not in the cluster.
        Assert.NotNull(configuration["Admin:OperatorKeySha256"]);
        Assert.NotNull(configuration["Audit:AuditorKeySha256"]);
        Assert.Null(configuration["Admin:OperatorKey"]);
        AssertScraped(deployment, "http");
        AssertMetricsNeedTheScrapeKey(configuration);
        var service = Kind("Service", "rds-gateway");
        Assert.Equal("http", S(Q(M(service, "spec"), "ports")[0], "targetPort"));
        Assert.Equal("0", S(M(M(M(deployment, "spec"), "strategy"), "rollingUpdate"), "maxUnavailable"));
    }

    [Fact]
    public void Autoscalers_and_disruption_budgets_name_the_deployments_and_images_match_compose_and_dockerfiles()
    {
        foreach (var name in new[] { "rds-silo", "rds-gateway" })
        {
            Assert.Equal(name, S(M(M(Kind("HorizontalPodAutoscaler", name), "spec"), "scaleTargetRef"), "name"));
            Assert.Equal(name, S(M(M(M(Kind("PodDisruptionBudget", name), "spec"), "selector"), "matchLabels"), "app"));
        }
        var compose = Documents(Path.Combine(RepositoryPaths.Deploy, "compose.yaml")).Single();
        var services = M(compose, "services");
        foreach (var (deployment, service, dockerfile) in new[] { ("rds-silo", "silo1", "silo.Dockerfile"), ("rds-gateway", "gateway", "gateway.Dockerfile") })
        {
            var image = S(Container(Kind("Deployment", deployment)), "image")!.Split(':')[0];
            Assert.Equal(image, S(M(services, service), "image"));
            Assert.Equal($"deploy/docker/{dockerfile}", S(M(M(services, service), "build"), "dockerfile"));
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Deploy, "docker", dockerfile)));
        }
    }

    [Fact]
    public void Compose_silos_advertise_their_own_addresses_on_the_ports_the_silo_dockerfile_exposes()
    {
        var services = M(Documents(Path.Combine(RepositoryPaths.Deploy, "compose.yaml")).Single(), "services");
        var exposed = File.ReadAllLines(Path.Combine(RepositoryPaths.Deploy, "docker", "silo.Dockerfile"))
            .Single(line => line.StartsWith("EXPOSE ")).Split(' ').Skip(1).Select(int.Parse).ToArray();
        foreach (var silo in new[] { "silo1", "silo2", "silo3" })
        {
            var environment = M(M(services, silo), "environment");
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment.Children.ToDictionary(
                pair => ((YamlScalarNode)pair.Key).Value!.Replace("__", ":"), pair => ((YamlScalarNode)pair.Value).Value)).Build();
            var endpoints = SiloEndpointSettings.FromConfiguration(configuration);
            Assert.Equal(S(M(M(M(services, silo), "networks"), "rds"), "ipv4_address"), endpoints.AdvertisedAddress.ToString());
            Assert.Equal(exposed, new[] { endpoints.SiloPort, endpoints.GatewayPort, endpoints.HealthPort!.Value });
            Assert.NotNull(RdsClusterSettings.FromConfiguration(configuration).PseudonymMasterKey);
            // Compose is not a local run in the scripts' sense: metrics and the dashboard take keys there too.
            Assert.True(SiloDashboard.IsEnabled(configuration));
            Assert.NotNull(configuration["Metrics:ScrapeKey"]);
            Assert.Null(configuration[RdsTelemetry.AllowAnonymousScrapeKey]);
            Assert.Null(configuration[SiloDashboard.AllowAnonymousKey]);
        }
        var gateway = M(M(services, "gateway"), "environment");
        Assert.Equal(((YamlScalarNode)M(M(services, "silo1"), "environment").Children[new YamlScalarNode("Metrics__ScrapeKey")]).Value,
            S(gateway, "Metrics__ScrapeKey"));
        Assert.Null(S(gateway, "Metrics__AllowAnonymous"));
        // silo1 publishes its health port, where the dashboard is.
        Assert.Equal($"{exposed[2]}:{exposed[2]}", ((YamlScalarNode)Q(M(services, "silo1"), "ports")[0]).Value);
    }
}
