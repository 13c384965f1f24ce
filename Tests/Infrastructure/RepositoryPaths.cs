using System.Diagnostics;

namespace Rds.Tests.Infrastructure;

/// <summary>Finds the repository from the test binaries and makes sure the pinned Azurite is installed.</summary>
internal static class RepositoryPaths
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string Root { get; } = FindRoot();

    public static string Deploy => Path.Combine(Root, "deploy");

    public static async Task<string> EnsureAzuriteInstalledAsync()
    {
        var azurite = Path.Combine(Deploy, "node_modules", ".bin", "azurite");
        await InstallLock.WaitAsync();
        try
        {
            if (!File.Exists(azurite))
            {
                var install = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund")
                {
                    WorkingDirectory = Deploy,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                }) ?? throw new InvalidOperationException("npm did not start; Node.js is needed to run Azurite.");
                var errors = install.StandardError.ReadToEndAsync();
                await install.StandardOutput.ReadToEndAsync();
                await install.WaitForExitAsync();
                if (install.ExitCode != 0)
                    throw new InvalidOperationException($"npm ci in {Deploy} failed: {await errors}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
        return azurite;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orleans.Rds.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("Orleans.Rds.sln not found above " + AppContext.BaseDirectory);
    }
}
