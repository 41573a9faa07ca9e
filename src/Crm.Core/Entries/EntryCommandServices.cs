using Crm.Core.Endpoint;
using Crm.Core.Schema;
using Crm.Storage.Entries;
using Crm.Storage.Schema;

namespace Crm.Core.Entries;

/// <summary>What the entry commands share; one object so each command's constructor stays short.</summary>
public sealed record EntryCommandServices(SchemaCatalog Schema, EntryReader Reader, EntryWriter Writer, EntryStore Store, EntrySearch Search)
{
    public EntryRenderer NewRenderer() => new(Store, Schema);

    /// <summary>The entry a call names by this table's id or name parameter.</summary>
    public Task<StoredEntry> LocateAsync(TableDefinition table, RequestParameters parameters, EntryCommandNames names, CancellationToken cancellationToken) =>
        Reader.LocateAsync(table, parameters.GetNonBlank(names.IdParameter), parameters.GetNonBlank(names.NameParameter),
            names.IdParameter, names.NameParameter, cancellationToken);
}
