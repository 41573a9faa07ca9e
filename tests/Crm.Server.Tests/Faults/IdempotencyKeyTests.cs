using System.Net;
using Crm.Server.Tests.Support;
using Crm.TestSupport;
using Crm.Storage.Entries;
using Crm.TestSupport.Faults;

namespace Crm.Server.Tests.Faults;

/// <summary>Issue 15, defect 3: an <c>Idempotency-Key</c> makes a repeated write give the first answer and write nothing more.</summary>
public sealed class IdempotencyKeyTests : IAsyncLifetime
{
    private readonly FaultyStorageServer _storage = new();
    private CrmClient Client => _storage.Client;

    public async Task InitializeAsync() => await new Api(Client).Ok("gettables");

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task A_repeat_with_the_same_key_and_parameters_gets_the_first_answer_and_writes_nothing()
    {
        var key = Guid.NewGuid().ToString();
        var first = await SendAsync(key, ("command", "addcontact"), ("clients-contact_name", "Once Only"));
        var repeat = await SendAsync(key, ("command", "addcontact"), ("clients-contact_name", "Once Only"));
        var byParameter = await Client.GetAsync(("command", "addcontact"), ("clients-contact_name", "Once Only"), ("idempotencyKey", key));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(first.Body, repeat.Body);
        Assert.Equal(first.Body, byParameter.Body);
        Assert.DoesNotContain("idempotency", first.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Single(await _storage.TitlesAsync("CONTACTS"), "Once Only");
    }

    [Fact]
    public async Task The_same_key_with_other_parameters_is_refused_with_idempotency_mismatch()
    {
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(key, ("command", "addcompany"), ("clients-org_name", "Mismatch One"))).Status);

        var other = await SendAsync(key, ("command", "addcompany"), ("clients-org_name", "Mismatch Two"));

        Assert.Equal((HttpStatusCode)422, other.Status);
        Assert.Equal("idempotency_mismatch", other.Code);
        Assert.DoesNotContain("Mismatch Two", await _storage.TitlesAsync("CLIENTS"));
    }

    [Fact]
    public async Task A_refusal_is_kept_and_replayed_even_when_the_call_would_now_succeed()
    {
        var holder = (await new Api(Client).Ok("addcompany", ("clients-org_name", "Taken Name")))["id"];
        var key = Guid.NewGuid().ToString();
        var refused = await SendAsync(key, ("command", "addcompany"), ("clients-org_name", "Taken Name"));
        Api.AssertError(refused, "duplicate");
        await new Api(Client).Ok("deletecompany", ("companyId", holder));

        var repeat = await SendAsync(key, ("command", "addcompany"), ("clients-org_name", "Taken Name"));

        Assert.Equal(refused.ToString(), repeat.ToString());
        Assert.DoesNotContain("Taken Name", await _storage.TitlesAsync("CLIENTS"));
    }

    [Fact]
    public async Task Keys_are_scoped_to_the_user()
    {
        await new Api(Client).Ok("setuser", ("login", "scoped-user"));
        await new Api(Client).Ok("grant", ("login", "scoped-user"), ("right", "CONTACTS.add"));
        var key = Guid.NewGuid().ToString();

        var admins = await SendAsync(key, ("command", "addcontact"), ("clients-contact_name", "Scoped Person"));
        var others = await SendAsync(key, [("command", "addcontact"), ("clients-contact_name", "Scoped Person")], user: "scoped-user");

        Assert.Equal(HttpStatusCode.OK, others.Status);
        Assert.NotEqual(admins["id"], others["id"]);
        Assert.Equal(2, (await _storage.TitlesAsync("CONTACTS")).Count(t => t == "Scoped Person"));
    }

    [Fact]
    public async Task A_repeat_while_the_first_call_runs_is_a_conflict_and_afterwards_gets_the_first_answer()
    {
        _storage.Proxy.Rule = request => request.IsBatch ? StorageFault.Latency(TimeSpan.FromSeconds(3)) : StorageFault.None;
        var key = Guid.NewGuid().ToString();
        var first = SendAsync(key, ("command", "addcontact"), ("clients-contact_name", "Slow Starter"));
        await Task.Delay(TimeSpan.FromSeconds(1));

        var meanwhile = await SendAsync(key, ("command", "addcontact"), ("clients-contact_name", "Slow Starter"));
        Api.AssertError(meanwhile, "conflict");
        var answer = await first;
        _storage.Proxy.Rule = _ => StorageFault.None;
        var after = await SendAsync(key, ("command", "addcontact"), ("clients-contact_name", "Slow Starter"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(answer.Body, after.Body);
        Assert.Single(await _storage.TitlesAsync("CONTACTS"), "Slow Starter");
    }

    [Fact]
    public async Task A_server_side_failure_is_not_kept_so_the_repeat_runs_again()
    {
        _storage.Proxy.Rule = request => request.IsBatch ? StorageFault.Reset : StorageFault.None;
        var key = Guid.NewGuid().ToString();
        var failed = await SendAsync(key, ("command", "addcontact"), ("clients-contact_name", "Second Chance"));
        _storage.Proxy.Rule = _ => StorageFault.None;

        var repeat = await SendAsync(key, ("command", "addcontact"), ("clients-contact_name", "Second Chance"));

        Assert.True((int)failed.Status >= 500, failed.ToString());
        Assert.Equal(HttpStatusCode.OK, repeat.Status);
        Assert.Single(await _storage.TitlesAsync("CONTACTS"), "Second Chance");
    }

    [Fact]
    public async Task A_first_call_with_a_key_makes_no_more_storage_requests_than_the_same_call_without_one()
    {
        await new Api(Client).Ok("addcompany", ("clients-org_name", "Warm Up"));
        var plain = await CountStorageRequestsAsync(() => new Api(Client).Ok("addcompany", ("clients-org_name", "Plain Call")));
        var keyed = await CountStorageRequestsAsync(() => SendAsync(Guid.NewGuid().ToString(), ("command", "addcompany"), ("clients-org_name", "Keyed Call")));

        // The key's record travels in the write's own transaction; keeping the answer afterwards is not awaited.
        Assert.Equal(plain.Requests, keyed.Requests);
        Assert.Equal(plain.Batches, keyed.Batches);
        Assert.Equal(1, keyed.AnswersKept);
    }

    [Fact]
    public async Task The_answers_of_keyed_writes_in_a_row_are_kept_together()
    {
        await new Api(Client).Ok("addcompany", ("clients-org_name", "Warm Up Answers"));
        var ids = new List<string>();
        var calls = await CountStorageRequestsAsync(async () =>
        {
            for (var i = 0; i < 8; i++)
            {
                var answer = await SendAsync(Guid.NewGuid().ToString(), ("command", "addcompany"), ("clients-org_name", $"Kept Together {i}"));
                Assert.Equal(HttpStatusCode.OK, answer.Status);
                ids.Add(IdIn(answer.Body));
            }
        });

        // Eight answers, each a request of its own when kept one by one.
        Assert.InRange(calls.AnswersKept, 1, 3);
        var kept = (await _storage.CallRecordsAsync("CLIENTS")).Where(r => r.Status == 200).Select(r => IdIn(r.Answer!)).ToList();
        Assert.All(ids, id => Assert.Contains(id, kept));
    }

    [Fact]
    public async Task Answers_still_waiting_when_the_server_stops_are_kept_first()
    {
        var server = new CrmTestServer();
        var answer = await SendAsync(server.Client, Guid.NewGuid().ToString(), [("command", "addcompany"), ("clients-org_name", "Kept At Stop")], CrmTestServer.Admin);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        // At once: the answer is still waiting to be gathered with others.
        await server.DisposeAsync();

        var kept = Assert.Single(await StorageAudit.CallRecordsAsync(server, Azurite.ConnectionString, "CLIENTS"));
        Assert.Equal(200, kept.Status);
        Assert.Equal(IdIn(answer.Body), IdIn(kept.Answer!));
    }

    private static string IdIn(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;

    [Fact]
    public async Task A_mismatching_repeat_creates_no_reference_target_before_it_is_refused()
    {
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(key, ("command", "addcontact"), ("clients-contact_name", "First Person"))).Status);

        var other = await SendAsync(key, ("command", "addcontact"), ("clients-contact_name", "Second Person"), ("clients-contact_company", "Brand New Side Effect Co"));

        Assert.Equal("idempotency_mismatch", other.Code);
        Assert.DoesNotContain("Brand New Side Effect Co", await _storage.TitlesAsync("CLIENTS"));
        Assert.DoesNotContain("Second Person", await _storage.TitlesAsync("CONTACTS"));
    }

    [Fact]
    public async Task The_same_key_on_an_edit_with_other_parameters_is_refused_and_changes_nothing()
    {
        var id = (await new Api(Client).Ok("addcompany", ("clients-org_name", "Edited Once")))["id"];
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(key, ("command", "editcompany"), ("companyId", id), ("clients-org_www", "first.example"))).Status);

        var other = await SendAsync(key, ("command", "editcompany"), ("companyId", id), ("clients-org_www", "second.example"));

        Assert.Equal("idempotency_mismatch", other.Code);
        var company = await new Api(Client).Ok("getcompanybyname", ("companyId", id));
        Assert.Contains("first.example", company.ToString());
    }

    [Fact]
    public async Task A_call_refused_before_it_named_a_table_is_kept_too_and_other_parameters_then_get_a_mismatch()
    {
        var key = Guid.NewGuid().ToString();
        var refused = await SendAsync(key, ("command", "addcompany"), ("clients-org_name", "Never Named"), ("clients-no_such_field", "x"));
        var repeat = await SendAsync(key, ("command", "addcompany"), ("clients-org_name", "Never Named"), ("clients-no_such_field", "x"));
        var other = await SendAsync(key, ("command", "addcompany"), ("clients-org_name", "Never Named"));

        Assert.InRange((int)refused.Status, 400, 499);
        Assert.Equal(refused.ToString(), repeat.ToString());
        Assert.Equal("idempotency_mismatch", other.Code);
        Assert.DoesNotContain("Never Named", await _storage.TitlesAsync("CLIENTS"));
    }

    /// <summary>Storage requests (and of them batches) one call makes, counted at the proxy once the call and its background work are done.</summary>
    /// <summary>Storage requests made by <paramref name="call"/> and within 500 ms after it; those that keep answers are counted apart.</summary>
    private async Task<(int Requests, int Batches, int AnswersKept)> CountStorageRequestsAsync(Func<Task> call)
    {
        var requests = 0;
        var batches = 0;
        var answers = 0;
        _storage.Proxy.Rule = request =>
        {
            if (KeepsAnswers(request))
            {
                Interlocked.Increment(ref answers);
                return StorageFault.None;
            }
            Interlocked.Increment(ref requests);
            if (request.IsBatch)
            {
                Interlocked.Increment(ref batches);
            }
            return StorageFault.None;
        };
        await call();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        _storage.Proxy.Rule = _ => StorageFault.None;
        return (requests, batches, answers);
    }

    /// <summary>A write of call records with their answers (the first write of a call records only its fingerprint).</summary>
    private static bool KeepsAnswers(StorageRequest request) =>
        request.Method != "GET"
        && (Uri.UnescapeDataString(request.PathAndQuery) + request.Body).Contains(WriteTokens.Prefix + WriteTokens.CallRecordInfix, StringComparison.Ordinal)
        && request.Body.Contains('"' + CallRecord.AnswerProperty + '"', StringComparison.Ordinal);

    private Task<CrmResponse> SendAsync(string key, params (string Name, string Value)[] parameters) => SendAsync(key, parameters, CrmTestServer.Admin);

    private Task<CrmResponse> SendAsync(string key, (string Name, string Value)[] parameters, string user) => SendAsync(Client, key, parameters, user);

    private static async Task<CrmResponse> SendAsync(CrmClient client, string key, (string Name, string Value)[] parameters, string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/plugins/servlet/crm/api")
        {
            Content = new FormUrlEncodedContent(parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))),
        };
        request.Headers.Add("X-Api-Key", CrmTestServer.ApiKey);
        request.Headers.Add("X-Crm-User", user);
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }
}
