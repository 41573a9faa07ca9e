using Crm.Server.Tests.Support;
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

    private static Task<ToolRun> RunAsync(string baseUrl, string? key) =>
        ToolRun.RunAsync("bash", [Path.Combine(RepositoryRoot.Path, "scripts", "smoke.sh"), baseUrl],
            environment: new Dictionary<string, string?> { ["CRM_API_KEY"] = key });
}
