namespace Crm.Core.Access;

/// <summary>The rights of docs/api.md#keys-users-and-rights. Table rights are <c>&lt;TABLE&gt;.add|edit|remove</c>.</summary>
public static class CrmRights
{
    public const string View = "crm.view";
    public const string Admin = "admin";
    public const string DictionariesAdd = "dictionaries.add";
    public const string DictionariesRemove = "dictionaries.remove";
    public const string SyncRun = "sync.run";

    public static string Add(string table) => table.ToUpperInvariant() + ".add";
    public static string Edit(string table) => table.ToUpperInvariant() + ".edit";
    public static string Remove(string table) => table.ToUpperInvariant() + ".remove";

    public static IEqualityComparer<string> Comparer => StringComparer.OrdinalIgnoreCase;
}
