using System.Text.Json.Nodes;
using Crm.TestSupport;

namespace Crm.Infra.Tests.Deployment;

/// <summary>host.json keeps the API's path, and azure.yaml points azd at the app and the templates.</summary>
public sealed class DeploymentFilesTests
{
    [Fact]
    public void Host_json_keeps_the_path_and_bounds_the_run_time()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Crm.Functions", "host.json")))!;

        Assert.Equal("2.0", (string?)host["version"]);
        // Integrations call /plugins/servlet/crm/api: the default "api" prefix would break them.
        Assert.Equal("", (string?)host["extensions"]?["http"]?["routePrefix"]);
        Assert.True(TimeSpan.TryParse((string?)host["functionTimeout"], System.Globalization.CultureInfo.InvariantCulture, out var timeout));
        // Bounded, and long enough for a queued sync run of a large directory (docs/sync.md, "Scale").
        Assert.InRange(timeout, TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
        Assert.NotNull(host["logging"]?["logLevel"]?["default"]);
        Assert.NotNull(host["logging"]?["applicationInsights"]?["samplingSettings"]);
    }

    /// <summary>With ASP.NET Core integration the host forwards each call to the worker; its dependency telemetry would store that URL, apiKey included (Azure/azure-functions-host#11602).</summary>
    [Fact]
    public void Host_json_turns_the_hosts_dependency_tracking_off()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Crm.Functions", "host.json")))!;

        Assert.False(host["logging"]?["applicationInsights"]?["enableDependencyTracking"]?.GetValue<bool>());
    }

    [Fact]
    public void Azure_yaml_deploys_the_functions_project_with_the_bicep_templates()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "azure.yaml")).Select(l => l.TrimEnd()).ToList();

        Assert.Contains("  path: infra/bicep", lines);
        Assert.Contains("  module: main", lines);
        Assert.Contains("  api:", lines);
        Assert.Contains("    project: src/Crm.Functions", lines);
        Assert.Contains("    language: dotnet", lines);
        Assert.Contains("    host: function", lines);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, "src", "Crm.Functions", "Crm.Functions.csproj")));
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, "infra", "bicep", "main.bicep")));
    }
}
