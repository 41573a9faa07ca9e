using Crm.Core.Errors;
using Crm.Core.Schema;
using Crm.Core.Values;

namespace Crm.Core.Access;

/// <summary>Checks a right name given by an admin and returns its canonical spelling (<c>CLIENTS.add</c>, <c>crm.view</c>).</summary>
public sealed class RightNames(SchemaCatalog schema)
{
    public static readonly IReadOnlyList<string> Fixed =
        [CrmRights.View, CrmRights.Admin, CrmRights.DictionariesAdd, CrmRights.DictionariesRemove, CrmRights.SyncRun];

    private static readonly string[] TableActions = ["add", "edit", "remove"];

    /// <summary>Every right that can be granted now: the fixed ones and the three of each table.</summary>
    public async Task<IReadOnlyList<string>> AllAsync(CancellationToken cancellationToken)
    {
        var tables = await schema.GetTablesAsync(cancellationToken);
        return [.. Fixed, .. tables.SelectMany(t => new[] { CrmRights.Add(t.Name), CrmRights.Edit(t.Name), CrmRights.Remove(t.Name) })];
    }

    public async Task<string> NormalizeAsync(string right, CancellationToken cancellationToken)
    {
        var wanted = right.Trim();
        if (Fixed.FirstOrDefault(r => CrmRights.Comparer.Equals(r, wanted)) is { } known)
        {
            return known;
        }
        var dot = wanted.LastIndexOf('.');
        if (dot > 0 && TableActions.FirstOrDefault(a => string.Equals(a, wanted[(dot + 1)..], StringComparison.OrdinalIgnoreCase)) is { } action
            && await schema.FindTableAsync(wanted[..dot], cancellationToken) is { } table)
        {
            return table.Name.ToUpperInvariant() + "." + action;
        }
        var all = await AllAsync(cancellationToken);
        throw CrmException.BadRequest(
            $"'{wanted}' is not a right. Rights: {string.Join(", ", Fixed)}, and <TABLE>.add, <TABLE>.edit, <TABLE>.remove for a table."
            + CloseMatches.Describe(wanted, all));
    }
}
