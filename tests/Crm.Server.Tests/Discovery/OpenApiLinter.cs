using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests.Discovery;

/// <summary>Redocly CLI, pinned in tools/openapi-lint and installed from npm like Azurite (test.sh runs <c>npm ci</c>; a bare <c>dotnet test</c> does it here).</summary>
internal static class OpenApiLinter
{
    private static readonly string Directory = Path.Combine(RepositoryRoot.Path, "tools", "openapi-lint");
    private static readonly SemaphoreSlim Install = new(1, 1);

    /// <summary>Lints with Redocly's recommended rules: exit code 0 when there is no error (warnings allowed).</summary>
    public static async Task<ToolRun> LintAsync(string file)
    {
        var cli = Path.Combine(Directory, "node_modules", "@redocly", "cli", "bin", "cli.js");
        await Install.WaitAsync();
        try
        {
            if (!File.Exists(cli))
            {
                var install = await ToolRun.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], Directory);
                Assert.True(install.ExitCode == 0, $"npm ci in tools/openapi-lint failed:\n{install}");
            }
        }
        finally
        {
            Install.Release();
        }
        return await ToolRun.RunAsync("node", [cli, "lint", file], Directory,
            new Dictionary<string, string?> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["CI"] = "true" });
    }
}
