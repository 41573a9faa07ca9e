namespace Crm.Core.Sync;

/// <summary>When, how exclusively and how cautiously the synchronization runs. Section <c>Crm:Sync</c>.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Crm:Sync";

    /// <summary>6-field NCRONTAB (with seconds), UTC: the timer trigger's and Crm.Server's schedule. Empty turns Crm.Server's timer off.</summary>
    public string Schedule { get; set; } = "0 0 * * * *";

    /// <summary>How long a run's lease lasts without renewal; a run renews it every third of this, so only a crashed run lets it lapse.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>A run that would deactivate more than this share (percent) of the active synced contacts deactivates none and is held.</summary>
    public int MaxDeactivationPercent { get; set; } = 10;

    /// <summary>The Azure Storage queue (same account as the tables) that carries requested runs to the consumer; the queue trigger reads it by <c>%Crm:Sync:QueueName%</c>.</summary>
    public string QueueName { get; set; } = "crm-sync";
}
