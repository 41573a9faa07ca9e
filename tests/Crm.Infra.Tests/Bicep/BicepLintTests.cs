using System.Text.Json.Nodes;
using Crm.TestSupport;

namespace Crm.Infra.Tests.Bicep;

/// <summary>The templates build and lint without a single diagnostic (warnings included: the CLI exits 0 on them).</summary>
public sealed class BicepLintTests
{
    private static readonly string[] FailingLevels = ["warning", "error"];

    [Fact]
    public async Task Main_template_builds_without_diagnostics()
    {
        var template = await CompiledTemplate.LoadMainAsync();

        Assert.True(template.Build.IsClean, "bicep build infra/bicep/main.bicep: " + template.Build.Complaints);
        Assert.Equal("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", (string?)template.Root["$schema"]);
    }

    [Fact]
    public async Task Every_bicep_and_bicepparam_file_lints_without_diagnostics()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "infra", "bicep"), "*.bicep*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("main.bicepparam", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(Path.Combine("modules", "functionapp.bicep"), StringComparison.Ordinal));

        var lint = await BicepCli.RunAsync(RepositoryRoot.Path, "lint", "--pattern", "infra/bicep/**/*.bicep*");

        Assert.True(lint.IsClean, "bicep lint: " + lint.Complaints);
    }

    [Fact]
    public async Task Parameters_file_builds_without_diagnostics()
    {
        var build = await BicepCli.RunAsync(RepositoryRoot.Path, "build-params", "infra/bicep/main.bicepparam", "--stdout");

        Assert.True(build.IsClean, "bicep build-params: " + build.Complaints);
        var parameters = JsonNode.Parse(build.StandardOutput)?["parametersJson"]?.GetValue<string>();
        Assert.NotNull(parameters);
        Assert.Equal("crm", (string?)JsonNode.Parse(parameters)?["parameters"]?["baseName"]?["value"]);
    }

    [Fact]
    public void Linter_is_on_with_every_rule_at_warning_or_error()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "bicep", "bicepconfig.json")))!;
        var core = config["analyzers"]?["core"];

        Assert.True(core?["enabled"]?.GetValue<bool>(), "analyzers.core.enabled must be true");
        var rules = core!["rules"]!.AsObject();
        Assert.NotEmpty(rules);
        Assert.All(rules, rule => Assert.Contains((string?)rule.Value?["level"], FailingLevels));
    }

    /// <summary>Guards the check above: a type warning leaves the exit code at 0, and only the output shows it.</summary>
    [Fact]
    public async Task A_type_warning_is_caught_although_the_cli_exits_zero()
    {
        var directory = Directory.CreateTempSubdirectory("crm-bicep-");
        try
        {
            File.Copy(Path.Combine(RepositoryRoot.Path, "infra", "bicep", "bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            File.WriteAllText(Path.Combine(directory.FullName, "broken.bicep"), """
                param location string = resourceGroup().location
                resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
                  name: 'kv-broken'
                  location: location
                  properties: {
                    tenantId: subscription().tenantId
                    sku: { family: 'A', name: 'standard' }
                    enableRbacAuthorisation: true
                  }
                }

                """);

            var build = await BicepCli.RunAsync(directory.FullName, "build", "broken.bicep", "--stdout");

            Assert.Equal(0, build.ExitCode);
            Assert.False(build.IsClean);
            Assert.Contains(build.Diagnostics, d => d.Contains("Warning", StringComparison.Ordinal) && d.Contains("enableRbacAuthorisation", StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
