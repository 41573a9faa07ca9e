using System.Net;
using Azure.Data.Tables;
using Crm.Core.Access;
using Crm.Core.Commands;
using Crm.Core.Endpoint;
using Crm.Storage.Tables;
using Crm.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Crm.Server.Tests.Support;

namespace Crm.Server.Tests.Access;

/// <summary>
/// For every registered command (also those added later), over real HTTP: a user lacking the command's right gets
/// 403 naming it and no row of any table changes; with the right (directly, through a group, or as admin) it is not refused.
/// </summary>
public sealed class RightsMatrixTests : IAsyncLifetime
{
    /// <summary>One set of parameters for every command; the commands' own validation may reject it, which is fine here.</summary>
    private static readonly (string Name, string Value)[] CommonParameters =
    [
        ("tableName", "CLIENTS"),
        ("dictionaryName", "Industries"),
        ("companyName", "Matrix Co"),
        ("contactName", "Matrix Person"),
        ("login", "matrix-ghost"),
        ("right", "crm.view"),
        ("newvalue", "Matrix Value"),
        ("valuetoremove", "Matrix Value"),
        ("saleVal", "MX-1"),
        ("fieldName", "Matrix Field"),
        ("type", "text"),
        ("titleFieldName", "Matrix Title"),
    ];

    private CrmTestServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new CrmTestServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Every_command_checks_its_right_before_touching_data()
    {
        var api = new Api(_server.Client);
        await api.Ok("getusers"); // first call: startup tasks run, the schema is seeded
        var catalog = _server.Services.GetRequiredService<CommandCatalog>();
        var probe = new CrmUser("probe", new HashSet<string>());
        var requiredRights = catalog.Names.ToDictionary(name => name, name =>
            catalog.Resolve(name).RequiredRight(new CommandContext(Parameters(name), probe, CancellationToken.None)));
        var grantable = (await _server.Services.GetRequiredService<RightNames>().AllAsync(CancellationToken.None))
            .Where(r => r != CrmRights.Admin).ToList();
        Assert.Contains(CrmRights.Admin, requiredRights.Values);
        Assert.Contains(CrmRights.View, requiredRights.Values);

        await api.Ok("setuser", ("login", "nobody"));
        foreach (var right in requiredRights.Values.Distinct(CrmRights.Comparer))
        {
            await api.Ok("setuser", ("login", "without-" + right));
            foreach (var other in grantable.Where(r => !CrmRights.Comparer.Equals(r, right)))
            {
                await api.Ok("grant", ("login", "without-" + right), ("right", other));
            }
            await api.Ok("setuser", ("login", "with-" + right));
            await api.Ok("grant", ("login", "with-" + right), ("right", right));
            await api.Ok("setuser", ("login", "member-" + right), ("groups", "group-" + right));
            await api.Ok("grant", ("group", "group-" + right), ("right", right));
        }

        var failures = new List<string>();
        foreach (var (command, right) in requiredRights)
        {
            var parameters = Parameters(command).All.Where(p => p.Key != "command").Select(p => (p.Key, p.Value)).ToArray();
            foreach (var lacking in new[] { "nobody", "without-" + right })
            {
                var before = await SnapshotAsync();
                var response = await api.As(lacking).Call(command, parameters);
                var after = await SnapshotAsync();
                if (response.Status != HttpStatusCode.Forbidden || response.Code != "forbidden" || !response["details"].Contains($"'{right}'", StringComparison.Ordinal))
                {
                    failures.Add($"{command} as {lacking}: expected 403 naming '{right}', got {response}");
                }
                if (!before.SequenceEqual(after))
                {
                    failures.Add($"{command} as {lacking}: data changed although the call was refused: {string.Join("; ", after.Except(before).Concat(before.Except(after)))}");
                }
            }
            foreach (var holder in new[] { "with-" + right, "member-" + right, CrmTestServer.Admin })
            {
                var response = await api.As(holder).Call(command, parameters);
                if (response.Status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.InternalServerError)
                {
                    failures.Add($"{command} as {holder} (holds '{right}'): got {response}");
                }
            }
            await WaitForSyncRunAsync();
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// A holder's <c>sync</c> queues a run whose maintenance pass rewrites schema rows in the background; the next
    /// command's snapshots must not take that for a refused call's write.
    /// </summary>
    private async Task WaitForSyncRunAsync()
    {
        var latest = await _server.Client.GetAsync(("command", "syncstatus"));
        if (latest.Success && latest["status"] is "queued" or "running")
        {
            await SyncRuns.WaitForEndAsync(_server, latest["runId"]);
        }
    }

    private static RequestParameters Parameters(string command) =>
        RequestParameters.From([.. CommonParameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)), new KeyValuePair<string, string>("command", command)]);

    /// <summary>Every row of every CRM table with its ETag: any write shows. (Not the lease table: a sync timer may renew leases meanwhile.)</summary>
    private async Task<List<string>> SnapshotAsync()
    {
        var rows = new List<string>();
        var tables = _server.Services.GetRequiredService<CrmTableSet>();
        foreach (var table in tables.All.Where(t => t.Name != tables.Leases.Name))
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                rows.Add($"{table.Name}|{entity.PartitionKey}|{entity.RowKey}|{entity.ETag}");
            }
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
