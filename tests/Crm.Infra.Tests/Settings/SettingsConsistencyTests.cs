using Crm.Core.Access;
using Crm.Infra.Tests.Bicep;
using Crm.Storage.Configuration;
using Crm.TestSupport;

namespace Crm.Infra.Tests.Settings;

/// <summary>
/// Every setting the app reads is set in Azure (main.bicep's app settings, unless [LocalOnlySetting]), listed in
/// local.settings.sample.json and explained in the README; and nothing is set there that the app does not read.
/// </summary>
public sealed class SettingsConsistencyTests
{
    /// <summary>Settings read by the platform and the SDKs rather than by an options class.</summary>
    private static readonly string[] PlatformSettingsInAzure =
    [
        "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
        "AZURE_CLIENT_ID", "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "CrmSyncQueue__queueServiceUri", "CrmSyncQueue__credential", "CrmSyncQueue__clientId",
    ];

    private static readonly string[] PlatformSettingsLocally =
    [
        "FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage", "AZURE_CLIENT_ID", "APPLICATIONINSIGHTS_CONNECTION_STRING", "CrmSyncQueue",
    ];

    private static readonly IReadOnlyList<OptionSetting> Options = OptionSetting.Discover(AppAssemblies.Loaded);

    public static TheoryData<string> AzureSettings => [.. Options.Where(o => !o.LocalOnly).Select(o => o.Key)];

    public static TheoryData<string> AllSettings => [.. Options.Select(o => o.Key)];

    [Fact]
    public void Options_classes_are_discovered_including_the_known_ones()
    {
        var keys = Options.Select(o => o.Key).ToList();

        Assert.Contains("Crm:Storage:TableEndpoint", keys);
        Assert.Contains("Crm:Storage:TablePrefix", keys);
        Assert.Contains("Crm:KeyVault:Uri", keys);
        Assert.Contains("Crm:ApiKeys:SecretName", keys);
        Assert.Contains("Crm:Bootstrap:Admin", keys);
        Assert.True(Options.Single(o => o.Key == "Crm:Storage:ConnectionString").LocalOnly);
        Assert.True(Options.Single(o => o.Key == "Crm:ApiKeys:Local").LocalOnly);
        Assert.True(Options.Single(o => o.Key == "Crm:ApiKeys:Local").IsCollection);
    }

    [Fact]
    public void Every_options_class_in_src_is_in_an_assembly_the_test_inspects()
    {
        var inspected = OptionSetting.OptionsTypes(AppAssemblies.Loaded).Select(OptionSetting.SectionNameOf).ToHashSet();

        Assert.All(AppAssemblies.SectionNamesInSource(), section =>
            Assert.True(inspected.Contains(section), $"section {section} is declared in src/ but its assembly is not referenced by tests/Crm.Infra.Tests"));
        Assert.Contains(typeof(TableStorageOptions).Assembly, AppAssemblies.Loaded);
        Assert.Contains(typeof(ApiKeyOptions).Assembly, AppAssemblies.Loaded);
    }

    [Theory]
    [MemberData(nameof(AzureSettings))]
    public async Task Setting_is_set_by_main_bicep(string key)
    {
        var appSettings = (await CompiledTemplate.LoadMainAsync()).AppSettingNames();
        var option = Options.Single(o => o.Key == key);

        Assert.True(appSettings.Any(s => option.IsSetBy(ToKey(s))),
            $"{option.AppSettingName} is read by {option.DeclaringType.Name} but not set in infra/bicep (modules/functionapp.bicep appSettings); mark it [LocalOnlySetting] if Azure must not set it");
    }

    [Fact]
    public async Task Local_only_settings_are_not_set_in_azure()
    {
        var appSettings = (await CompiledTemplate.LoadMainAsync()).AppSettingNames();
        var localOnly = Options.Where(o => o.LocalOnly).ToList();

        Assert.NotEmpty(localOnly);
        Assert.All(localOnly, option => Assert.DoesNotContain(appSettings, s => option.IsSetBy(ToKey(s))));
    }

    [Theory]
    [MemberData(nameof(AllSettings))]
    public void Setting_is_listed_in_the_local_settings_sample(string key)
    {
        var sample = LocalSettingsSample.Load();
        var option = Options.Single(o => o.Key == key);

        Assert.True(sample.Names.Any(s => option.IsSetBy(ToKey(s))),
            $"{option.AppSettingName}{(option.IsCollection ? "__0" : "")} is read by {option.DeclaringType.Name} but missing from local.settings.sample.json");
    }

    [Theory]
    [MemberData(nameof(AllSettings))]
    public void Setting_is_explained_in_the_readme_configuration_section(string key)
    {
        var section = ReadmeSection("Configuration");
        var option = Options.Single(o => o.Key == key);

        Assert.True(section.Contains($"`{option.AppSettingName}", StringComparison.Ordinal) || section.Contains($"`{key}", StringComparison.Ordinal),
            $"{option.AppSettingName} is missing from the README's Configuration table");
    }

    [Fact]
    public async Task Every_crm_app_setting_in_main_bicep_is_read_by_the_app()
    {
        var appSettings = (await CompiledTemplate.LoadMainAsync()).AppSettingNames();

        AssertEveryCrmSettingIsKnown(appSettings, "infra/bicep");
    }

    [Fact]
    public void Every_crm_setting_in_the_local_settings_sample_is_read_by_the_app()
    {
        AssertEveryCrmSettingIsKnown(LocalSettingsSample.Load().Names, "local.settings.sample.json");
    }

    [Fact]
    public async Task Platform_settings_are_set_in_azure_and_locally()
    {
        var appSettings = (await CompiledTemplate.LoadMainAsync()).AppSettingNames();
        var sample = LocalSettingsSample.Load();
        var readme = ReadmeSection("Configuration");

        Assert.All(PlatformSettingsInAzure, s => Assert.Contains(s, appSettings));
        Assert.All(PlatformSettingsLocally, s => Assert.Contains(s, sample.Names));
        Assert.All(PlatformSettingsInAzure.Concat(PlatformSettingsLocally), s => Assert.Contains($"`{s}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Local_settings_sample_runs_the_isolated_worker_against_azurite()
    {
        var sample = LocalSettingsSample.Load();

        Assert.False(sample.Root["IsEncrypted"]?.GetValue<bool>());
        Assert.Equal("dotnet-isolated", sample["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", sample["AzureWebJobsStorage"]);
        Assert.Equal(Azurite.ConnectionStringFor(10002, 10001), sample["Crm__Storage__ConnectionString"]);
        Assert.All(sample.Values, p => Assert.True(p.Value?.GetValueKind() == System.Text.Json.JsonValueKind.String, $"{p.Key} must be a string"));
    }

    private static void AssertEveryCrmSettingIsKnown(IEnumerable<string> names, string where)
    {
        var crmSettings = names.Where(n => n.StartsWith("Crm__", StringComparison.Ordinal) || n.StartsWith("Crm:", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(crmSettings);
        Assert.All(crmSettings, name => Assert.True(Options.Any(o => o.IsSetBy(ToKey(name))),
            $"{name} in {where} is not read by any options class (renamed or removed?)"));
    }

    private static string ToKey(string appSettingName) => appSettingName.Replace("__", ":", StringComparison.Ordinal);

    private static string ReadmeSection(string title)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var start = readme.IndexOf($"\n## {title}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no section '## {title}'");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }
}
