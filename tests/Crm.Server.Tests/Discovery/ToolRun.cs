using System.Diagnostics;
using Crm.TestSupport;

namespace Crm.Server.Tests.Discovery;

/// <summary>Runs a command-line tool of the suite (the OpenAPI linter, the client generator) from the repository root.</summary>
internal sealed record ToolRun(int ExitCode, string StandardOutput, string StandardError)
{
    public static async Task<ToolRun> RunAsync(string file, IEnumerable<string> arguments, string? directory = null, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory ?? RepositoryRoot.Path,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A safety net against a hung tool (a first npm ci or tool restore downloads), not a timing assertion.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new ToolRun(process.ExitCode, await stdout, await stderr);
    }

    public override string ToString() => $"exit {ExitCode}\n{StandardOutput}\n{StandardError}";
}
