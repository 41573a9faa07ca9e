using Crm.Storage.Configuration;

namespace Crm.Core.Sync;

/// <summary>When, how exclusively and how cautiously the synchronization runs. Section <c>Crm:Sync</c>.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Crm:Sync";

    /// <summary>
    /// 6-field NCRONTAB (with seconds), UTC: Crm.Server's schedule; empty turns its timer off. Not set in Azure, where the
    /// Functions timer reads the flat <see cref="SyncTimerSchedule.AppSetting"/> instead.
    /// </summary>
    [LocalOnlySetting]
    public string Schedule { get; set; } = "0 0 * * * *";

    /// <summary>How long a run's lease lasts without renewal; a run renews it every third of this, so only a crashed run lets it lapse.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>A run that would deactivate more than this share (percent) of the active synced contacts deactivates none and is held.</summary>
    public int MaxDeactivationPercent { get; set; } = 10;

    public const string DefaultQueueName = "crm-sync";

    /// <summary>The Azure Storage queue (same account as the tables) that carries requested runs to the consumer; the Functions queue trigger listens on <see cref="DefaultQueueName"/>.</summary>
    public string QueueName { get; set; } = DefaultQueueName;
}
