using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Crm.Bench.Seeding;
using Crm.Core.Entries;
using Crm.Storage.Entries;
using Crm.Storage.Keys;
using Crm.Storage.Schema;

namespace Crm.Bench.Scenarios;

/// <summary>
/// The reference for <c>addcompany</c>: the one transaction a create needs (counter replace guarded by its ETag,
/// entry insert, uniqueness claim insert, index row upserts), built by hand with the SDK as an integrator
/// writing straight to the table would. <see cref="CheckSameRowsAsEngine"/> proves it is the engine's transaction.
/// </summary>
public sealed class HandBuiltCompanyWrite(TableClient table, TableDefinition companies)
{
    private long _last;
    private ETag _counterETag;

    public async Task InitializeAsync()
    {
        var counter = await table.GetEntityAsync<TableEntity>(companies.Name, RowKeys.Counter);
        _last = counter.Value.GetInt64("Last") ?? 0;
        _counterETag = counter.Value.ETag;
    }

    public async Task WriteAsync(string tag, long n)
    {
        var id = _last + 1;
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, new TableEntity(companies.Name, RowKeys.Counter) { ["Last"] = id }, _counterETag),
        };
        actions.AddRange(Rows(id, BenchData.Company(companies, tag, n)));
        var response = await table.SubmitTransactionAsync(actions);
        _last = id;
        _counterETag = response.Value[0].Headers.ETag ?? throw new InvalidOperationException("The counter write returned no ETag.");
    }

    /// <summary>Entry, claim and index rows of one company, keyed as docs/design.md#storage-layout says.</summary>
    public IReadOnlyList<TableTransactionAction> Rows(long id, IReadOnlyDictionary<string, string> values)
    {
        var partition = companies.Name;
        var paddedId = id.ToString("D12", CultureInfo.InvariantCulture);
        var claims = new List<TableEntity>();
        var index = new List<TableEntity>();
        foreach (var field in companies.Fields)
        {
            if (!values.TryGetValue(field.Property, out var value))
            {
                continue;
            }
            var key = KeyEscaper.Escape(value.ToLowerInvariant());
            if (field.Unique)
            {
                claims.Add(new TableEntity(partition, $"u~{field.Property}~{key}") { ["Id"] = id, ["Field"] = field.Property });
            }
            if (field.IsIndexed)
            {
                index.Add(new TableEntity(partition, $"x~{field.Property}~{key}~{paddedId}"));
            }
        }
        var entry = new TableEntity(partition, "e~" + paddedId);
        foreach (var (property, value) in values)
        {
            entry[property] = value;
        }
        entry[RowProperties.Rows] = string.Join('\n', claims.Concat(index).Select(r => r.RowKey));
        return
        [
            new(TableTransactionActionType.Add, entry),
            .. claims.Select(c => new TableTransactionAction(TableTransactionActionType.Add, c)),
            .. index.Select(x => new TableTransactionAction(TableTransactionActionType.UpsertReplace, x)),
        ];
    }

    /// <summary>Fails the run when the hand-built rows differ from what <see cref="EntryRows"/> builds for the same company.</summary>
    public void CheckSameRowsAsEngine()
    {
        const long id = 4242;
        var values = BenchData.Company(companies, "Check", id);
        var ours = Describe(Rows(id, values));
        var engine = Describe(EntryRows.CreateActions(companies.Name, id, EntryImageBuilder.Build(companies, values)));
        if (!ours.SequenceEqual(engine))
        {
            throw new InvalidOperationException(
                "The hand-built reference transaction no longer matches EntryRows' rows; update HandBuiltCompanyWrite.\n  hand-built: "
                + string.Join("\n              ", ours) + "\n  engine:     " + string.Join("\n              ", engine));
        }
    }

    private static List<string> Describe(IEnumerable<TableTransactionAction> actions) =>
        actions.Select(a => $"{a.ActionType} {a.Entity.RowKey} {{{string.Join(", ", ((TableEntity)a.Entity)
            .Where(p => p.Key is not ("PartitionKey" or "RowKey" or "odata.etag"))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value} ({p.Value?.GetType().Name})"))}}}").ToList();
}
