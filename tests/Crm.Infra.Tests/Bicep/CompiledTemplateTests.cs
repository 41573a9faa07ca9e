using System.Text.Json.Nodes;
using Crm.Storage.Tables;
using Crm.TestSupport;

namespace Crm.Infra.Tests.Bicep;

/// <summary>The compiled main.bicep: roles of the app's identity, secure defaults, the Flex Consumption app, outputs.</summary>
public sealed class CompiledTemplateTests
{
    /// <summary>Built-in role id → the resource type it must be scoped to.</summary>
    public static TheoryData<string, string, string> AppIdentityRoles => new()
    {
        { "Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts" },
        { "Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts" },
        { "Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts" },
        { "Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults" },
        { "Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components" },
    };

    [Theory]
    [MemberData(nameof(AppIdentityRoles))]
    public async Task The_app_identity_holds_the_role(string role, string roleId, string scopeType)
    {
        var template = await CompiledTemplate.LoadMainAsync();

        var assignments = template.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.GuidsIn((string?)a.Properties["roleDefinitionId"]).Contains(roleId))
            .ToList();

        Assert.True(assignments.Count == 1, $"{role}: expected one assignment, found {assignments.Count}");
        var assignment = assignments[0];
        Assert.Equal("ServicePrincipal", (string?)assignment.Properties["principalType"]);
        Assert.Contains("appIdentity", (string?)assignment.Properties["principalId"], StringComparison.Ordinal);
        Assert.Contains(scopeType, assignment.Resolved((string?)assignment.Resource["scope"]), StringComparison.OrdinalIgnoreCase);
        Assert.Null(assignment.Resource["condition"]);
    }

    [Fact]
    public async Task Storage_allows_identity_only_over_https()
    {
        var storage = (await CompiledTemplate.LoadMainAsync()).TheOnly("Microsoft.Storage/storageAccounts").Properties;

        Assert.False(storage["allowSharedKeyAccess"]?.GetValue<bool>());
        Assert.True(storage["supportsHttpsTrafficOnly"]?.GetValue<bool>());
        Assert.Equal("TLS1_2", (string?)storage["minimumTlsVersion"]);
        Assert.False(storage["allowBlobPublicAccess"]?.GetValue<bool>());
        Assert.True(storage["defaultToOAuthAuthentication"]?.GetValue<bool>());
    }

    [Fact]
    public async Task Key_vault_uses_rbac_with_soft_delete_and_purge_protection()
    {
        var vault = (await CompiledTemplate.LoadMainAsync()).TheOnly("Microsoft.KeyVault/vaults").Properties;

        Assert.True(vault["enableRbacAuthorization"]?.GetValue<bool>());
        Assert.True(vault["enableSoftDelete"]?.GetValue<bool>());
        Assert.True(vault["enablePurgeProtection"]?.GetValue<bool>());
        Assert.Null(vault["accessPolicies"]);
    }

    [Fact]
    public async Task Function_app_runs_dotnet_10_isolated_on_flex_consumption_as_the_user_assigned_identity()
    {
        var template = await CompiledTemplate.LoadMainAsync();
        var plan = template.TheOnly("Microsoft.Web/serverfarms").Resource;
        var site = template.TheOnly("Microsoft.Web/sites");

        Assert.Equal("FC1", (string?)plan["sku"]?["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]?["tier"]);
        Assert.Equal("UserAssigned", (string?)site.Resource["identity"]?["type"]);
        Assert.True(site.Properties["httpsOnly"]?.GetValue<bool>());
        Assert.Equal("1.2", (string?)site.Properties["siteConfig"]?["minTlsVersion"]);

        var config = site.Properties["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]?["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]?["version"]);
        Assert.Equal("blobContainer", (string?)config["deployment"]?["storage"]?["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)config["deployment"]?["storage"]?["authentication"]?["type"]);
    }

    [Fact]
    public async Task Functions_host_storage_is_reached_by_identity()
    {
        var settings = (await CompiledTemplate.LoadMainAsync()).AppSettingNames();

        Assert.Contains("AzureWebJobsStorage__accountName", settings);
        Assert.Contains("AzureWebJobsStorage__credential", settings);
        Assert.Contains("AzureWebJobsStorage__clientId", settings);
        Assert.DoesNotContain("AzureWebJobsStorage", settings);
        // Flex Consumption rejects these: the runtime comes from functionAppConfig, the package from its container.
        Assert.DoesNotContain(settings, s => s is "FUNCTIONS_WORKER_RUNTIME" or "FUNCTIONS_EXTENSION_VERSION" or "WEBSITE_RUN_FROM_PACKAGE"
            || s.StartsWith("WEBSITE_CONTENT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outputs_give_the_function_base_url_and_the_vault_name()
    {
        var outputs = (await CompiledTemplate.LoadMainAsync()).Root["outputs"]!.AsObject();

        Assert.StartsWith("[format('https://{0}'", (string?)outputs["functionBaseUrl"]?["value"], StringComparison.Ordinal);
        Assert.Contains("defaultHostName", (string?)outputs["functionBaseUrl"]?["value"], StringComparison.Ordinal);
        Assert.Contains("vaultName", (string?)outputs["keyVaultName"]?["value"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declared_tables_are_the_tables_the_app_uses()
    {
        var template = await CompiledTemplate.LoadMainAsync();
        var declared = template.Root["variables"]?["crmTableNames"]?.AsArray().Select(n => (string?)n).ToList();
        var tables = StorageClients.Tables("", Azurite.ConnectionStringFor(10002));

        Assert.NotNull(declared);
        Assert.Equal(tables.All.Select(t => t.Name).Order(), declared.Order());
    }

    [Fact]
    public async Task Parameters_that_need_no_choice_have_defaults()
    {
        var parameters = (await CompiledTemplate.LoadMainAsync()).Root["parameters"]!.AsObject();

        Assert.All(parameters, p => Assert.True(p.Value?["defaultValue"] is not null, $"parameter {p.Key} has no default"));
        Assert.Equal("crm-api-key", (string?)parameters["apiKeySecretName"]?["defaultValue"]);
        Assert.Equal("admin", (string?)parameters["bootstrapAdmin"]?["defaultValue"]);
        Assert.Equal("0 0 * * * *", (string?)parameters["syncSchedule"]?["defaultValue"]);
        Assert.Equal("crm-jira-token", (string?)parameters["jiraTokenSecretName"]?["defaultValue"]);
        Assert.IsType<JsonValue>(parameters["tablePrefix"]?["defaultValue"], exactMatch: false);
    }
}
