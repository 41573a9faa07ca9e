using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Crm.Infra.Tests.Bicep;

/// <summary>Runs the Bicep CLI that NuGet downloaded for this project (see the csproj's PackageDownload).</summary>
public static partial class BicepCli
{
    public static string ExecutablePath { get; } = Locate();

    public static async Task<BicepRun> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + ExecutablePath);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A safety net against a hung CLI, not a timing assertion: build and lint take a few seconds.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new BicepRun(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepCli").Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($"Bicep CLI not found at '{path}': restore tests/Crm.Infra.Tests (PackageDownload Azure.Bicep.CommandLine.linux-x64).");
        }
        // NuGet may extract without the execute bit, depending on the user and umask.
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }
        return path;
    }

    [GeneratedRegex(@"^.*\(\d+,\d+\) : (Error|Warning|Info) .*$", RegexOptions.Multiline)]
    internal static partial Regex DiagnosticLine();
}

/// <summary>One CLI run. The CLI exits 0 on warnings (type problems included), so callers check <see cref="Diagnostics"/>.</summary>
public sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    public IReadOnlyList<string> Diagnostics =>
        [.. BicepCli.DiagnosticLine().Matches(StandardOutput + "\n" + StandardError).Select(m => m.Value.Trim())];

    /// <summary>Everything the CLI said besides its normal output: diagnostics, and anything it printed on stderr.</summary>
    public string Complaints => $"exit code {ExitCode}\n{StandardError}\n{string.Join('\n', Diagnostics)}";

    public bool IsClean => ExitCode == 0 && Diagnostics.Count == 0 && string.IsNullOrWhiteSpace(StandardError);
}
