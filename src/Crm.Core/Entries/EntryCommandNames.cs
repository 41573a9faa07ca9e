namespace Crm.Core.Entries;

/// <summary>How the commands of one table name an entry: <c>companyId</c>/<c>companyName</c> for CLIENTS …</summary>
public sealed record EntryCommandNames(string Table, string IdParameter, string NameParameter)
{
    public static readonly EntryCommandNames Companies = new("CLIENTS", "companyId", "companyName");
    public static readonly EntryCommandNames Contacts = new("CONTACTS", "contactId", "contactName");
}
