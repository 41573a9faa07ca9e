namespace Crm.Core.Startup;

/// <summary>Work done once per instance before the first command runs (creating tables, seeding). Must be idempotent across instances.</summary>
public interface IStartupTask
{
    int Order { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
