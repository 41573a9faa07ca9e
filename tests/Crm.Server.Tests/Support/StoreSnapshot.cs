using System.Text;
using Azure.Data.Tables;
using Crm.Storage.Tables;
using Crm.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Server.Tests.Support;

/// <summary>
/// Every stored row of a server's tables (entries, claims, index rows, counters, dictionaries, schema) as text,
/// plus the company and contact listings: two snapshots are equal exactly when a call left no trace.
/// </summary>
public static class StoreSnapshot
{
    public static async Task<string> TakeAsync(CrmTestServer server)
    {
        var tables = server.Services.GetRequiredService<CrmTableSet>();
        var text = new StringBuilder();
        foreach (var table in new[] { tables.Entities, tables.Dictionaries, tables.Schema })
        {
            var rows = new List<string>();
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                rows.Add(Describe(row));
            }
            rows.Sort(StringComparer.Ordinal);
            text.AppendLine(table.Name[server.TablePrefix.Length..]).AppendJoin('\n', rows).AppendLine();
        }
        var api = new Api(server.Client);
        text.AppendLine((await api.Ok("getcompanies")).Body);
        text.AppendLine((await api.Ok("getcontacts")).Body);
        return text.ToString();
    }

    private static string Describe(TableEntity row) =>
        $"{row.PartitionKey}|{row.RowKey}|" + string.Join("|", row
            .Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
}
