using System.Diagnostics;
using Crm.TestSupport;

namespace Crm.Server.Tests.Hosting;

/// <summary>scripts/smoke.sh, the check after a deployment, run against a live Crm.Server over real HTTP.</summary>
public sealed class SmokeScriptTests : IClassFixture<CrmTestServerFixture>
{
    private readonly CrmTestServer _server;

    public SmokeScriptTests(CrmTestServerFixture fixture) => _server = fixture.Server;

    [Fact]
    public async Task With_a_valid_key_it_passes_in_one_line_and_never_prints_the_key()
    {
        var run = await RunAsync(_server.BaseAddress.ToString(), CrmTestServer.ApiKey);

        Assert.True(run.ExitCode == 0, run.ToString());
        var line = Assert.Single(run.Lines);
        Assert.StartsWith("smoke OK", line, StringComparison.Ordinal);
        Assert.Contains("gettables", line, StringComparison.Ordinal);
        Assert.Contains("getcompanies", line, StringComparison.Ordinal);
        Assert.Contains("401", line, StringComparison.Ordinal);
        Assert.DoesNotContain(CrmTestServer.ApiKey, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_key_the_app_does_not_know_it_fails_in_one_line()
    {
        var run = await RunAsync(_server.BaseAddress.ToString().TrimEnd('/'), "not-a-valid-key-4d1e");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Lines);
        Assert.StartsWith("smoke FAILED", line, StringComparison.Ordinal);
        Assert.Contains("gettables", line, StringComparison.Ordinal);
        Assert.Contains("401", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_key_it_refuses_to_run()
    {
        var run = await RunAsync(_server.BaseAddress.ToString(), key: null);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("CRM_API_KEY", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Against_nothing_listening_it_fails_in_one_line()
    {
        var run = await RunAsync("http://127.0.0.1:9/", CrmTestServer.ApiKey);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("smoke FAILED", Assert.Single(run.Lines), StringComparison.Ordinal);
    }

    private static async Task<ScriptRun> RunAsync(string baseUrl, string? key)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "scripts", "smoke.sh"));
        start.ArgumentList.Add(baseUrl);
        start.Environment.Remove("CRM_API_KEY");
        if (key is not null)
        {
            start.Environment["CRM_API_KEY"] = key;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A safety net against a hung script, not a timing assertion.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new ScriptRun(process.ExitCode, await stdout, await stderr);
    }

    private sealed record ScriptRun(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => StandardOutput + StandardError;

        public IReadOnlyList<string> Lines => [.. StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

        public override string ToString() => $"exit {ExitCode}\n{StandardOutput}\n{StandardError}";
    }
}
