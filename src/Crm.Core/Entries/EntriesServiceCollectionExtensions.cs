using Crm.Core.Commands;
using Crm.Storage.Entries;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Core.Entries;

/// <summary>Registers the entries (store, reader, writer, search) and the handlers of <see cref="EntryCommands"/>; called by AddCrm.</summary>
public static class EntriesServiceCollectionExtensions
{
    public static IServiceCollection AddCrmEntries(this IServiceCollection services)
    {
        services.AddSingleton<EntryStore>();
        services.AddSingleton<Crm.Storage.Idempotency.IdempotencyStore>();
        services.AddSingleton<Crm.Core.Idempotency.CallAnswerKeeper>();
        services.AddSingleton<Crm.Core.Idempotency.IdempotentCalls>();
        services.AddSingleton<EntryReader>();
        services.AddSingleton<EntryWriter>();
        services.AddSingleton<EntrySearch>();
        services.AddSingleton<EntryCommandServices>();
        services.AddSingleton<Crm.Storage.Paging.CursorKeyStore>();
        services.AddSingleton<Paging.CursorCodec>();
        services.AddSingleton<Paging.EntryPager>();
        return services.AddCommandHandlers(EntryCommands.All);
    }
}
