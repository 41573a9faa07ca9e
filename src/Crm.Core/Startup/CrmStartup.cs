namespace Crm.Core.Startup;

/// <summary>Runs the startup tasks once, on first use; a failed start is tried again by the next request.</summary>
public sealed class CrmStartup(IEnumerable<IStartupTask> tasks)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_ready)
            {
                return;
            }
            foreach (var task in tasks.OrderBy(t => t.Order))
            {
                await task.RunAsync(cancellationToken);
            }
            _ready = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
