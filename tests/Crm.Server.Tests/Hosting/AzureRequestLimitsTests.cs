using System.Net;
using System.Net.Sockets;
using System.Text;
using Crm.TestSupport;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crm.Server.Tests.Hosting;

/// <summary>
/// Azure Functions refuses a URL over 4 KB (414) and a request body over 100 MB (413) before the function runs
/// (docs/deploy.md). Crm.Server refuses the same, so a call that works locally works on Azure.
/// </summary>
public sealed class AzureRequestLimitsTests : IClassFixture<CrmTestServerFixture>
{
    private const int MaxUrlBytes = 4096;
    private const long MaxBodyBytes = 104_857_600;

    private readonly CrmTestServer _server;

    public AzureRequestLimitsTests(CrmTestServerFixture fixture) => _server = fixture.Server;

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task A_url_of_4096_bytes_is_served(string method)
    {
        var response = await SendWithUrlLengthAsync(method, MaxUrlBytes);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Success, response.ToString());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task A_url_of_4097_bytes_is_refused_with_414(string method)
    {
        var response = await SendWithUrlLengthAsync(method, MaxUrlBytes + 1);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.Status);
    }

    [Fact]
    public async Task A_long_value_goes_through_as_a_form_post()
    {
        var name = "Long Values " + new string('x', 3 * MaxUrlBytes);

        var added = await _server.Client.PostAsync(("command", "addcompany"), ("clients-org_name", name));
        var got = await _server.Client.PostAsync(("command", "getcompanybyname"), ("companyId", added["id"]));

        Assert.True(added.Success, added.ToString());
        Assert.Equal(name, got["org_name"]);
    }

    [Fact]
    public async Task A_body_declared_over_100_mb_is_refused_with_413_before_it_is_read()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST {CrmHttpEndpointRoute} HTTP/1.1\r\nHost: {_server.BaseAddress.Authority}\r\n"
            + $"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {MaxBodyBytes + 1}\r\n\r\ncommand=gettables";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        var statusLine = await ReadStatusLineAsync(stream);

        Assert.StartsWith("HTTP/1.1 413", statusLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_of_100_mb_is_not_refused_for_its_size()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        // Declared at the limit and then cut short: the server starts reading instead of refusing the size.
        var head = $"POST {CrmHttpEndpointRoute}?command=gettables HTTP/1.1\r\nHost: {_server.BaseAddress.Authority}\r\n"
            + $"X-Api-Key: {CrmTestServer.ApiKey}\r\nX-Crm-User: {CrmTestServer.Admin}\r\n"
            + $"Content-Type: text/plain\r\nContent-Length: {MaxBodyBytes}\r\n\r\nabc";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        var statusLine = await ReadStatusLineAsync(stream);

        Assert.StartsWith("HTTP/1.1 200", statusLine, StringComparison.Ordinal);
    }

    /// <summary>A chunked body (no length declared) is cut at the same size by Kestrel as it is read.</summary>
    [Fact]
    public void Kestrel_reads_at_most_100_mb_of_a_body()
    {
        var kestrel = _server.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(MaxBodyBytes, kestrel.Limits.MaxRequestBodySize);
    }

    private const string CrmHttpEndpointRoute = "/plugins/servlet/crm/api";

    /// <summary>A gettables call whose path and query together are exactly <paramref name="urlBytes"/> long.</summary>
    private async Task<CrmResponse> SendWithUrlLengthAsync(string method, int urlBytes)
    {
        var prefix = $"{CrmHttpEndpointRoute}?command=gettables&pad=";
        var url = prefix + new string('p', urlBytes - prefix.Length);
        Assert.Equal(urlBytes, Encoding.ASCII.GetByteCount(url));
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.Add("X-Api-Key", CrmTestServer.ApiKey);
        request.Headers.Add("X-Crm-User", CrmTestServer.Admin);
        return await _server.Client.SendAsync(request);
    }

    private static async Task<string> ReadStatusLineAsync(NetworkStream stream)
    {
        var line = new StringBuilder();
        var buffer = new byte[1];
        while (await stream.ReadAsync(buffer) == 1 && buffer[0] != '\n')
        {
            line.Append((char)buffer[0]);
        }
        return line.ToString().TrimEnd('\r');
    }
}
