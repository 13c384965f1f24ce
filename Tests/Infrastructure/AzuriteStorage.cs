using System.Diagnostics;
using System.Text.RegularExpressions;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace Rds.Tests.Infrastructure;

/// <summary>
/// Azure Storage for tests, from the first source that exists: the connection string in RDS_STORAGE_CONNECTION;
/// an Azurite container where a Docker engine answers; else Azurite from npm (pinned in deploy/, installed with
/// npm ci when missing) as a local process on free loopback ports. CI has no Docker, so it takes the last path.
/// </summary>
internal sealed partial class AzuriteStorage : IAsyncDisposable
{
    // The well-known development account of the Azure Storage emulator; not a secret.
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private Process? _process;
    private IContainer? _container;

    public required string ConnectionString { get; init; }

    /// <summary>Where the storage came from, for test output.</summary>
    public required string Source { get; init; }

    public static async Task<AzuriteStorage> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("RDS_STORAGE_CONNECTION") is { Length: > 0 } given)
            return new AzuriteStorage { ConnectionString = given, Source = "RDS_STORAGE_CONNECTION" };
        return await TryStartContainerAsync() ?? await StartProcessAsync();
    }

    private static async Task<AzuriteStorage?> TryStartContainerAsync()
    {
        try
        {
            var container = new ContainerBuilder("mcr.microsoft.com/azure-storage/azurite:3.35.0")
                .WithCommand("azurite", "--blobHost", "0.0.0.0", "--queueHost", "0.0.0.0", "--tableHost", "0.0.0.0", "--skipApiVersionCheck", "--loose")
                .WithPortBinding(10000, true).WithPortBinding(10001, true).WithPortBinding(10002, true)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Table service is successfully listening"))
                .Build();
            await container.StartAsync();
            var host = container.Hostname;
            return new AzuriteStorage
            {
                ConnectionString = ConnectionStringFor(host, container.GetMappedPublicPort(10000), container.GetMappedPublicPort(10001), container.GetMappedPublicPort(10002)),
                Source = "Testcontainers",
                _container = container,
            };
        }
        catch (DockerUnavailableException)
        {
            return null;
        }
    }

    /// <summary>
    /// A local Azurite that keeps its data on disk at <paramref name="location"/>, so that it can be stopped and
    /// started again (<see cref="StopAsync"/>, <see cref="RestartAsync"/>) on the same ports with its data.
    /// </summary>
    public static Task<AzuriteStorage> StartRestartableAsync(string location) => StartProcessAsync(location);

    private string? _location;
    private int[] _ports = [];

    /// <summary>
    /// Stops Azurite abruptly (it does not close while clients keep connections open). Azurite saves its on-disk store
    /// every few seconds, so callers wait <see cref="SaveInterval"/> after their last write they expect to survive.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
            return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().WaitAsync(StartTimeout);
    }

    /// <summary>Azurite's on-disk store is saved this often.</summary>
    public static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(6);

    /// <summary>Starts the stopped Azurite again on its former ports with its data.</summary>
    public async Task RestartAsync()
    {
        var again = await StartProcessAsync(_location ?? throw new InvalidOperationException("Only a restartable Azurite can restart."), _ports);
        _process?.Dispose();
        _process = again._process;
    }

    private static async Task<AzuriteStorage> StartProcessAsync(string? location = null, int[]? ports = null)
    {
        var azurite = await RepositoryPaths.EnsureAzuriteInstalledAsync();
        var start = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Port 0 lets the OS pick free ports (10000-10002 may be taken); Azurite prints the ones it got. In memory:
        // the data dies with the test run, and on disk Azurite re-serialises its whole store every 5 s.
        string[] persistence = location is null ? ["--inMemoryPersistence"] : ["--location", location];
        var (blobPort, queuePort, tablePort) = ports is [var b, var q, var t] ? (b, q, t) : (0, 0, 0);
        foreach (var argument in persistence.Concat(
                 [
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", blobPort.ToString(), "--queuePort", queuePort.ToString(), "--tablePort", tablePort.ToString(), "--skipApiVersionCheck", "--loose",
                 ]))
            start.ArgumentList.Add(argument);

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var listening = new Dictionary<string, int>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        void OnLine(object? _, DataReceivedEventArgs line)
        {
            if (line.Data is null)
                return;
            lock (listening)
            {
                output.AppendLine(line.Data);
                if (ListeningLine().Match(line.Data) is { Success: true } match)
                    listening[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value);
                if (listening.Count == 3)
                    ready.TrySetResult();
            }
        }
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout));
        if (first != ready.Task)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Azurite did not become ready within {StartTimeout.TotalSeconds} s. Output:\n{output}");
        }
        return new AzuriteStorage
        {
            ConnectionString = ConnectionStringFor("127.0.0.1", listening["Blob"], listening["Queue"], listening["Table"]),
            Source = $"local Azurite process (pid {process.Id})",
            _process = process,
            _location = location,
            _ports = [listening["Blob"], listening["Queue"], listening["Table"]],
        };
    }

    private static string ConnectionStringFor(string host, int blob, int queue, int table) =>
        $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};" +
        $"BlobEndpoint=http://{host}:{blob}/{DevAccount};QueueEndpoint=http://{host}:{queue}/{DevAccount};TableEndpoint=http://{host}:{table}/{DevAccount};";

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
            await _container.DisposeAsync();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
