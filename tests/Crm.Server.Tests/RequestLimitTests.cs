using System.Net;
using System.Text;
using Crm.Core.Endpoint;
using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests;

/// <summary>
/// Issue 15, defect 11: input that would cost more than it should is refused with the JSON error object before the
/// work: an oversized body (413 <c>too_large</c>), too many parameters, too long names, too many search criteria;
/// long names get no "did you mean" and are quoted back cut short; a bad key is refused before a large body is read.
/// </summary>
public sealed class RequestLimitTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    private readonly Api _api = new(fixture.Server.Client);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_limit_is_413_too_large_and_writes_nothing(bool withLength)
    {
        var form = "command=addcompany&clients-org_name=Oversized&clients-org_www=" + new string('x', (int)RequestLimits.MaxBodyBytes);
        HttpContent content = withLength
            ? new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded")
            : new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(form))); // no length: sent chunked
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var request = Post(content);
        request.Headers.TransferEncodingChunked = !withLength;

        var response = await fixture.Server.Client.SendAsync(request);

        Assert.True(response.Status == HttpStatusCode.RequestEntityTooLarge && response.Code == "too_large", Shorten(response.ToString()));
        Assert.Contains("4 MiB", Api.Details(response), StringComparison.Ordinal);
        await _api.Fails("not_found", "getcompanybyname", ("companyName", "Oversized"));
    }

    [Fact]
    public async Task A_wrong_key_in_the_header_is_refused_before_a_large_body_is_read()
    {
        var body = new StallingBody(firstBytes: 64 * 1024);
        var content = new StreamContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        content.Headers.ContentLength = 3 * 1024 * 1024;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/plugins/servlet/crm/api?command=getcompanies") { Content = content };
        request.Headers.Add("X-Api-Key", "not-the-key");
        request.Headers.Add("X-Crm-User", CrmTestServer.Admin);
        // The client waits for "100 Continue" (sent only once the server reads the body) or an answer before it sends the body.
        request.Headers.ExpectContinue = true;
        // Only a guard against hanging: the body never completes, so without the early check no answer comes.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        using var response = await fixture.Server.Client.Http.SendAsync(request, guard.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"unauthorized\"", await response.Content.ReadAsStringAsync(guard.Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_parameters_are_refused()
    {
        var parameters = Enumerable.Range(0, RequestLimits.MaxParameters).Select(i => ($"p{i}", "1")).ToArray();
        var response = await fixture.Server.Client.PostAsync([("command", "getcompanies"), .. parameters]);
        Api.AssertError(response, "bad_request");
        Assert.Contains("1000", Api.Details(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_parameter_name_over_the_limit_is_refused(bool post)
    {
        var name = "clients-" + new string('a', RequestLimits.MaxParameterNameLength);
        var response = await fixture.Server.Client.CallAsync(post, ("command", "addcompany"), ("clients-org_name", "Long Name Co"), (name, "1"));
        Api.AssertError(response, "bad_request");
        Assert.True(Api.Details(response).Length < 400, Api.Details(response));
    }

    [Fact]
    public async Task A_long_command_name_gets_no_suggestions_and_is_quoted_cut_short()
    {
        var response = await fixture.Server.Client.PostAsync(("command", "getcompanies" + new string('s', 1_000_000)));
        Api.AssertError(response, "unknown_command");
        Assert.DoesNotContain("Did you mean", Api.Details(response), StringComparison.Ordinal);
        Assert.True(Api.Details(response).Length < 300, Shorten(Api.Details(response)));
        // A short misspelling still gets its suggestion.
        Assert.Contains("Did you mean: getcompanies", Api.Details(await _api.Call("getcompanys")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_unknown_field_gets_no_suggestions_and_is_quoted_cut_short()
    {
        var response = await fixture.Server.Client.PostAsync(("command", "addcompany"), ("clients-org_name", "X"),
            ("crm_param_1", "Webiste" + new string('e', 100_000)), ("crm_param_1_value", "x.example"));
        Api.AssertError(response, "bad_request");
        Assert.DoesNotContain("Did you mean", Api.Details(response), StringComparison.Ordinal);
        Assert.True(Api.Details(response).Length < 400, Shorten(Api.Details(response)));
    }

    [Fact]
    public async Task More_search_criteria_than_the_limit_are_refused()
    {
        var pairs = Enumerable.Range(0, RequestLimits.MaxSearchCriteria + 1).Select(_ => ("Name", "x")).ToArray();
        var response = await _api.Call("searchEntities", [("tableName", "CONTACTS"), .. Api.Pairs(pairs)]);
        Api.AssertError(response, "bad_request");
        Assert.Contains("20", Api.Details(response), StringComparison.Ordinal);
        await _api.Ok("searchEntities", [("tableName", "CONTACTS"), .. Api.Pairs(pairs[..RequestLimits.MaxSearchCriteria])]);
    }

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500];

    private static HttpRequestMessage Post(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/plugins/servlet/crm/api") { Content = content };
        request.Headers.Add("X-Api-Key", CrmTestServer.ApiKey);
        request.Headers.Add("X-Crm-User", CrmTestServer.Admin);
        return request;
    }

    /// <summary>A request body that sends its first bytes and then waits forever, as a slow or hostile client does.</summary>
    private sealed class StallingBody(int firstBytes) : Stream
    {
        public long Sent { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Sent >= firstBytes)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            var count = (int)Math.Min(buffer.Length, firstBytes - Sent);
            buffer.Span[..count].Fill((byte)'a');
            Sent += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Sent; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
