using System.Text.Json.Nodes;

namespace Crm.Infra.Tests.Bicep;

/// <summary>
/// What Azure refuses on a Flex Consumption app although Bicep's types and linter accept it (docs/deploy.md cites
/// the sources): classic site properties, instance sizes the API version does not take, a scale limit below 1.
/// </summary>
public sealed class FlexConsumptionRulesTests
{
    /// <summary>
    /// ARM's 400 for Flex ("The following list of … site configuration properties … for Flex Consumption sites is
    /// invalid", Azure/azure-cli#31414) and the Flex Consumption deprecations list of the app settings reference.
    /// </summary>
    public static TheoryData<string> FlexInvalidSiteConfigProperties =>
    [
        "ftpsState", "use32BitWorkerProcess", "preWarmedInstanceCount", "netFrameworkVersion",
        "functionsRuntimeScaleMonitoringEnabled", "functionAppScaleLimit", "alwaysOn", "linuxFxVersion",
        "windowsFxVersion", "javaVersion", "powerShellVersion", "pythonVersion", "nodeVersion",
        "minimumElasticInstanceCount", "elasticWebAppScaleLimit",
    ];

    /// <summary>Site properties that the Flex plan replaces with functionAppConfig.</summary>
    public static TheoryData<string> FlexInvalidSiteProperties => ["containerSize", "dailyMemoryTimeQuota"];

    [Theory]
    [MemberData(nameof(FlexInvalidSiteConfigProperties))]
    public async Task Site_config_does_not_set_a_property_flex_consumption_refuses(string property)
    {
        var siteConfig = (await CompiledTemplate.LoadMainAsync()).TheOnly("Microsoft.Web/sites").Properties["siteConfig"]!.AsObject();

        Assert.NotEmpty(siteConfig);
        Assert.DoesNotContain(siteConfig, p => string.Equals(p.Key, property, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(FlexInvalidSiteProperties))]
    public async Task Site_does_not_set_a_property_flex_consumption_refuses(string property)
    {
        var site = (await CompiledTemplate.LoadMainAsync()).TheOnly("Microsoft.Web/sites").Properties;

        Assert.DoesNotContain(site, p => string.Equals(p.Key, property, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("ftp")]
    [InlineData("scm")]
    public async Task Basic_publishing_credentials_are_refused(string policy)
    {
        var template = await CompiledTemplate.LoadMainAsync();

        var policies = template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies")
            .Where(p => ((string?)p.Resource["name"] ?? "").EndsWith("'" + policy + "')]", StringComparison.Ordinal)
                || ((string?)p.Resource["name"] ?? "").EndsWith("/" + policy, StringComparison.Ordinal))
            .ToList();

        Assert.True(policies.Count == 1, $"expected one {policy} policy, found {policies.Count}");
        Assert.False(policies[0].Properties["allow"]?.GetValue<bool>());
    }

    [Fact]
    public async Task Instance_memory_allows_only_the_sizes_the_sites_api_version_accepts()
    {
        var template = await CompiledTemplate.LoadMainAsync();
        var site = template.TheOnly("Microsoft.Web/sites");
        var module = FunctionAppModule(template);

        // Microsoft.Web/sites@2024-04-01 answered 400 to 512 (Azure/azure-rest-api-specs#40898); Flex documents 2048 and 4096.
        Assert.Equal("2024-04-01", (string?)site.Resource["apiVersion"]);
        Assert.Equal([2048, 4096], AllowedInts(template.Root["parameters"]!["instanceMemoryMB"]!));
        Assert.Equal([2048, 4096], AllowedInts(module["parameters"]!["instanceMemoryMB"]!));
    }

    [Fact]
    public async Task Maximum_instance_count_ranges_from_1_to_1000()
    {
        var template = await CompiledTemplate.LoadMainAsync();
        var parameter = template.Root["parameters"]!["maximumInstanceCount"]!;
        var moduleParameter = FunctionAppModule(template)["parameters"]!["maximumInstanceCount"]!;

        Assert.Equal(1, (int?)parameter["minValue"]);
        Assert.Equal(1000, (int?)parameter["maxValue"]);
        Assert.Equal(1, (int?)moduleParameter["minValue"]);
        Assert.Equal(1000, (int?)moduleParameter["maxValue"]);
    }

    private static JsonObject FunctionAppModule(CompiledTemplate template) =>
        template.Resources.Single(r => r.Type == "Microsoft.Resources/deployments" && (string?)r.Resource["name"] == "functionApp")
            .Properties["template"]!.AsObject();

    private static int[] AllowedInts(JsonNode parameter) =>
        [.. parameter["allowedValues"]!.AsArray().Select(v => v!.GetValue<int>())];
}
