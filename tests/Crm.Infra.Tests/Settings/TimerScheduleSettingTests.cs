using Crm.Infra.Tests.Bicep;
using Crm.TestSupport;

namespace Crm.Infra.Tests.Settings;

/// <summary>
/// The timer trigger's <c>%CrmSyncSchedule%</c> names an app setting the host resolves as it indexes the function; a
/// hierarchical name (<c>Crm:Sync:Schedule</c>) only resolves on Windows, so Azure, the sample and the README use the flat one.
/// </summary>
public sealed class TimerScheduleSettingTests
{
    private const string Setting = "CrmSyncSchedule";

    [Fact]
    public async Task Main_bicep_sets_the_flat_timer_schedule_setting()
    {
        var appSettings = (await CompiledTemplate.LoadMainAsync()).AppSettingNames();

        Assert.Contains(Setting, appSettings);
        Assert.DoesNotContain("Crm__Sync__Schedule", appSettings);
    }

    [Fact]
    public void Local_settings_sample_sets_the_flat_timer_schedule_setting_hourly()
    {
        Assert.Equal("0 0 * * * *", LocalSettingsSample.Load()[Setting]);
    }

    [Fact]
    public void Readme_configuration_explains_the_flat_timer_schedule_setting()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));

        Assert.Contains($"| `{Setting}` |", readme, StringComparison.Ordinal);
    }
}
