using System.Collections.Concurrent;
using System.Net;
using Crm.Server.Tests.Support;
using Crm.TestSupport;
using Crm.TestSupport.Faults;

namespace Crm.Server.Tests.Faults;

/// <summary>
/// Issue 15, "prove it": storage faults between the SDK and Azurite while 16 clients create, edit, delete and
/// upsert (retrying with Idempotency-Key); then storage is read directly. Every entry has exactly its claim and
/// index rows, no orphans, the counter is ahead of every id, nothing was created twice, every answer was the
/// API's JSON (503 with Retry-After while storage was down), and everything works afterwards.
/// </summary>
public sealed class FaultInjectionTests(FaultInjectionTests.Fixture fixture) : IClassFixture<FaultInjectionTests.Fixture>
{
    private const int Clients = 16;
    private const int Rounds = 2;

    public static TheoryData<string> Scenarios => new(ScenarioRules.Keys);

    private static readonly Dictionary<string, Func<StorageRequest, StorageFault>> ScenarioRules = new()
    {
        ["answers lost after commit"] = StorageFaultProxy.EveryNthBatch(3, StorageFault.LoseAnswer),
        ["answers held then lost (timeouts)"] = StorageFaultProxy.EveryNthBatch(5, StorageFault.HoldThenLoseAnswer(TimeSpan.FromSeconds(1))),
        ["500 and 503"] = request => request.Sequence % 4 == 0 ? StorageFault.Status(request.Sequence % 8 == 0 ? 500 : 503, "ServerBusy") : StorageFault.None,
        // Creates (the transactions holding the id counter) are the ones a group commit can make too large.
        ["413 on transactions"] = request => request.IsBatch && request.Sequence % 3 == 0 && request.Body.Contains("c~id", StringComparison.Ordinal)
            ? StorageFault.Status(413, "RequestBodyTooLarge")
            : StorageFault.None,
        ["connection resets"] = request => request.Sequence % 4 == 0 ? StorageFault.Reset : StorageFault.None,
        ["latency"] = _ => StorageFault.Latency(TimeSpan.FromMilliseconds(100)),
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Concurrent_clients_under_the_fault_leave_consistent_storage(string scenario)
    {
        fixture.Storage.Proxy.Rule = ScenarioRules[scenario];
        var run = await RunWorkloadAsync(Prefix(scenario));
        var faults = fixture.Storage.Proxy.FaultsInjected;
        fixture.Storage.Proxy.Rule = _ => StorageFault.None;

        Assert.True(faults > 0 || scenario == "latency", "no fault was injected");
        await AssertConsistentAsync(run);
    }

    [Fact]
    public async Task Storage_down_then_back_answers_503_with_retry_after_meanwhile_and_loses_nothing()
    {
        var workload = RunWorkloadAsync(Prefix("outage"));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        fixture.Storage.Proxy.Rule = StorageFaultProxy.Down;
        var outage = await new Api(fixture.Storage.Client).Call("addcompany", ("clients-org_name", "During the outage"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        fixture.Storage.Proxy.Rule = _ => StorageFault.None;
        var run = await workload;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, outage.Status);
        Assert.Equal("unavailable", outage.Code);
        Assert.NotNull(outage.RetryAfter);
        Assert.Contains(run.Client.Answers, a => a.Status == HttpStatusCode.ServiceUnavailable);
        await AssertConsistentAsync(run);
    }

    private static string Prefix(string scenario) => "F" + Math.Abs(scenario.GetHashCode(StringComparison.Ordinal) % 100000);

    private async Task<WorkloadRun> RunWorkloadAsync(string prefix)
    {
        var client = new RetryingClient(fixture.Storage.Client);
        var run = new WorkloadRun(prefix, client);
        await Parallel.ForAsync(0, Clients, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (c, _) =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                await OneClientRoundAsync(run, $"{c}-{round}", deleteCompany: round == 0);
            }
        });
        return run;
    }

    private static async Task OneClientRoundAsync(WorkloadRun run, string n, bool deleteCompany)
    {
        var client = run.Client;
        var company = await client.WriteAsync(("command", "addcompany"), ("clients-org_name", $"{run.Prefix} Co {n}"));
        var companyId = Created(run, "CLIENTS", company, $"{run.Prefix} Co {n}");
        var contact = await client.WriteAsync(("command", "addcontact"), ("clients-contact_name", $"{run.Prefix} Person {n}"), ("clients-contact_company", companyId ?? ""));
        var contactId = Created(run, "CONTACTS", contact, $"{run.Prefix} Person {n}");
        if (contactId is not null)
        {
            Ok(run, await client.WriteAsync(("command", "editcontact"), ("contactId", contactId), ("clients-contact_phone", $"+1 {n}")));
        }
        var product = await client.WriteAsync(("command", "updateOrCreateEntity"), ("tableName", "PRODUCTS"), ("id", ""), ("clients-product_name", $"{run.Prefix} Product {n}"));
        if (Created(run, "PRODUCTS", product, $"{run.Prefix} Product {n}") is { } productId)
        {
            Ok(run, await client.WriteAsync(("command", "updateOrCreateEntity"), ("tableName", "PRODUCTS"), ("id", productId), ("clients-product_price", "12.5")));
        }
        if (companyId is null)
        {
            return;
        }
        if (deleteCompany)
        {
            if (Ok(run, await client.WriteAsync(("command", "deletecompany"), ("companyId", companyId))))
            {
                run.DeletedCompanies.Add((companyId, contactId));
            }
        }
        else
        {
            Ok(run, await client.WriteAsync(("command", "editcompany"), ("companyId", companyId), ("clients-org_www", $"https://{n}.example")));
        }
    }

    /// <summary>The new id, or null when the call was refused as too large (the injected 413): then nothing may exist.</summary>
    private static string? Created(WorkloadRun run, string table, CrmResponse response, string title)
    {
        if (response.Status == HttpStatusCode.BadRequest && response.Code == "bad_request")
        {
            run.Refused.Add((table, title));
            return null;
        }
        if (!Ok(run, response))
        {
            return null;
        }
        run.Created.Add((table, title, response["id"]));
        return response["id"];
    }

    private static bool Ok(WorkloadRun run, CrmResponse response)
    {
        var ok = response.Status == HttpStatusCode.OK;
        if (!ok && !(response.Status == HttpStatusCode.BadRequest && response.Code == "bad_request"))
        {
            run.Unexpected.Add(response.ToString());
        }
        return ok;
    }

    private async Task AssertConsistentAsync(WorkloadRun run)
    {
        var malformed = run.Client.Malformed();
        Assert.True(malformed.Count == 0, string.Join("\n", malformed.Take(5)));
        Assert.True(run.Unexpected.IsEmpty, string.Join("\n", run.Unexpected.Take(5)));
        Assert.True(run.Created.Count >= Clients * Rounds, $"only {run.Created.Count} creates succeeded");
        var api = new Api(fixture.Storage.Client);
        foreach (var table in new[] { "CLIENTS", "CONTACTS", "PRODUCTS" })
        {
            Assert.Empty(await fixture.Storage.AuditAsync(table));
            var titles = (await fixture.Storage.TitlesAsync(table)).Where(t => t.StartsWith(run.Prefix + " ", StringComparison.Ordinal)).ToList();
            Assert.Equal(titles.Count, titles.Distinct().Count()); // nothing created twice
            var deleted = run.DeletedCompanies.Select(d => d.CompanyId).ToHashSet();
            var expected = run.Created.Where(c => c.Table == table && !(table == "CLIENTS" && deleted.Contains(c.Id))).Select(c => c.Title).Order().ToList();
            Assert.Equal(expected, titles.Order().ToList()); // nothing lost, nothing refused written
        }
        foreach (var (_, contactId) in run.DeletedCompanies.Where(d => d.ContactId is not null))
        {
            Assert.Equal("", (await api.Get("getcontactbyname", ("contactId", contactId!))).GetValueOrDefault("contact_company", ""));
        }
        var after = await api.Ok("addcompany", ("clients-org_name", $"{run.Prefix} after recovery"));
        Assert.Equal($"{run.Prefix} after recovery", (await api.Get("getcompanybyname", ("companyId", after["id"])))["org_name"]);
    }

    private sealed record WorkloadRun(string Prefix, RetryingClient Client)
    {
        public ConcurrentBag<(string Table, string Title, string Id)> Created { get; } = [];
        public ConcurrentBag<(string Table, string Title)> Refused { get; } = [];
        public ConcurrentBag<(string CompanyId, string? ContactId)> DeletedCompanies { get; } = [];
        public ConcurrentBag<string> Unexpected { get; } = [];
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public FaultyStorageServer Storage { get; } = new();

        public async Task InitializeAsync() => await new Api(Storage.Client).Ok("gettables");

        public async Task DisposeAsync() => await Storage.DisposeAsync();
    }
}
