using System.Net;
using System.Text.RegularExpressions;
using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests;

/// <summary>
/// requests/crm.http stays working: every request in it is sent, in order, to a fresh server and must succeed. A request
/// named with <c># @name x</c> (REST Client's request variables) lends later ones its answer's <c>ETag</c> header and
/// top-level string properties: <c>{{x.response.headers.ETag}}</c>, <c>{{x.response.body.$.nextCursor}}</c>.
/// </summary>
public sealed partial class RequestsFileTests
{
    [Fact]
    public async Task Every_example_request_works_on_a_fresh_store()
    {
        var requests = Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "requests", "crm.http")));

        await using var server = new CrmTestServer();
        var variables = new Dictionary<string, string>
        {
            ["host"] = server.BaseAddress.ToString().TrimEnd('/'),
            ["apiKey"] = CrmTestServer.ApiKey,
            ["user"] = CrmTestServer.Admin,
        };
        // That the file covers every command of the catalog, and no other, is ApiDocsCatalogTests' check.
        foreach (var example in requests)
        {
            using var request = example.ToHttpRequest(variables);
            var response = await server.Client.SendAsync(request);
            Assert.True(response.Status == HttpStatusCode.OK && (!example.CallsCommand || response.Success), $"{example.Title}: {response}");
            if (example.Name is { } name)
            {
                // Only what the answer has: a later request naming anything else fails on the missing variable.
                if (!string.IsNullOrEmpty(response.ETag))
                {
                    variables[$"{name}.response.headers.ETag"] = response.ETag;
                }
                foreach (var property in response.Json.EnumerateObject().Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.String))
                {
                    variables[$"{name}.response.body.$.{property.Name}"] = property.Value.GetString()!;
                }
            }
        }
        var api = new Api(server.Client);
        Assert.Equal("Teamlead GmbH", (await api.Get("getcontactbyname", ("contactId", "1")))["contact_company"]);
        await api.Fails("not_found", "getcontactbyname", ("contactId", "2"));
    }

    private static List<ExampleRequest> Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var fileVariables = lines.TakeWhile(l => !l.StartsWith("###", StringComparison.Ordinal))
            .Select(l => VariableLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["host", "apiKey", "user"], fileVariables);

        var result = new List<ExampleRequest>();
        var blocks = string.Join('\n', lines).Split("\n###");
        foreach (var block in blocks.Skip(1))
        {
            var blockLines = block.Split('\n');
            var title = blockLines[0].Trim();
            var name = blockLines.Skip(1).Select(l => NameLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            var rest = blockLines.Skip(1).Where(l => !l.TrimStart().StartsWith('#') && !l.TrimStart().StartsWith("//", StringComparison.Ordinal)).ToList();
            var start = rest.FindIndex(l => l.Trim().Length > 0);
            Assert.True(start >= 0, $"'{title}' has no request line");
            var requestLine = rest[start].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var headers = new List<(string, string)>();
            var i = start + 1;
            for (; i < rest.Count && rest[i].Trim().Length > 0; i++)
            {
                var colon = rest[i].IndexOf(':', StringComparison.Ordinal);
                headers.Add((rest[i][..colon].Trim(), rest[i][(colon + 1)..].Trim()));
            }
            var body = string.Concat(rest.Skip(i).Select(l => l.Trim()));
            result.Add(new ExampleRequest(title, requestLine[0], requestLine[1], headers, body, name));
        }
        return result;
    }

    [GeneratedRegex(@"^@(\w+)\s*=")]
    private static partial Regex VariableLine();

    [GeneratedRegex(@"\{\{([\w.$]+)\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^\s*#\s*@name\s+(\w+)\s*$")]
    private static partial Regex NameLine();

    private sealed record ExampleRequest(string Title, string Method, string Url, List<(string Name, string Value)> Headers, string Body, string? Name)
    {
        /// <summary>False for the discovery examples (/openapi.json), whose answers are not command answers.</summary>
        public bool CallsCommand => Url.Contains("/plugins/servlet/crm/api", StringComparison.Ordinal);

        public HttpRequestMessage ToHttpRequest(Dictionary<string, string> variables)
        {
            string Fill(string text) => Placeholder().Replace(text, m => variables[m.Groups[1].Value]);
            var request = new HttpRequestMessage(new HttpMethod(Method), Fill(Url));
            string? contentType = null;
            foreach (var (name, value) in Headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    contentType = value;
                }
                else
                {
                    request.Headers.Add(name, Fill(value));
                }
            }
            if (Body.Length > 0)
            {
                request.Content = new StringContent(Fill(Body), System.Text.Encoding.UTF8);
                request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType ?? "text/plain");
            }
            return request;
        }
    }
}
