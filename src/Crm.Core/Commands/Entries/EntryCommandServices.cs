using Crm.Core.Entries;
using Crm.Core.Schema;
using Crm.Core.Search;
using Crm.Storage.Entries;

namespace Crm.Core.Commands.Entries;

/// <summary>What the entry commands share; one object so each command's constructor stays short.</summary>
public sealed record EntryCommandServices(SchemaCatalog Schema, EntryReader Reader, EntryWriter Writer, EntryStore Store, EntrySearch Search)
{
    public EntryRenderer NewRenderer() => new(Store, Schema);
}
