namespace Crm.Core.Sync;

/// <summary>
/// The app setting the Functions timer trigger reads its NCRONTAB schedule from. The host resolves <c>%name%</c> from
/// app settings while indexing, before any .NET configuration binding, and a <c>:</c> in the name is a hierarchy
/// separator only on Windows (Flex Consumption runs Linux): hence a flat name. Crm.Server keeps <c>Crm:Sync:Schedule</c>.
/// </summary>
public static class SyncTimerSchedule
{
    public const string AppSetting = "CrmSyncSchedule";

    public const string BindingExpression = "%" + AppSetting + "%";
}
