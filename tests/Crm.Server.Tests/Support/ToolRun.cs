using System.Diagnostics;
using Crm.TestSupport;

namespace Crm.Server.Tests.Support;

/// <summary>Runs a command-line tool or script of the suite (smoke.sh, the OpenAPI linter, the client generator) from the repository root.</summary>
public sealed record ToolRun(int ExitCode, string StandardOutput, string StandardError)
{
    public static async Task<ToolRun> RunAsync(string file, IEnumerable<string> arguments, string? directory = null, IDictionary<string, string?>? environment = null)
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
        // A null value removes the variable (a test that must not inherit it).
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A safety net against a hung tool (a first npm ci or tool restore downloads), not a timing assertion.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new ToolRun(process.ExitCode, await stdout, await stderr);
    }

    public string Output => StandardOutput + StandardError;

    public IReadOnlyList<string> Lines => [.. StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    public override string ToString() => $"exit {ExitCode}\n{StandardOutput}\n{StandardError}";
}
