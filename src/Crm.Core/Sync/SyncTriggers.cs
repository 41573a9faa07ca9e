namespace Crm.Core.Sync;

/// <summary>Who started a run, as recorded in the lease.</summary>
public static class SyncTriggers
{
    public const string Timer = "timer";
    public const string Command = "command";
}
