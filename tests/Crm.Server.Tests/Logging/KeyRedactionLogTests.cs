using System.Net;
using System.Text.Json;
using Crm.TestSupport;
using Crm.TestSupport.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Crm.Server.Tests.Logging;

/// <summary>
/// docs/api.md#keys-users-and-rights: the key appears in no log line and no response, also when it came in the query string. The server runs
/// with each host's production logging configuration (and once with everything at Trace); every captured line is checked.
/// </summary>
public sealed class KeyRedactionLogTests
{
    private const string WrongKey = "wrong-key-7f3a9c2e51";

    public static TheoryData<string> Configurations => ["Crm.Server appsettings.json", "Crm.Functions host.json", "everything at Trace"];

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task The_key_is_in_no_log_line_and_no_response(string configuration)
    {
        var capture = new CapturingLoggerProvider();
        var bodies = new List<string>();
        await using (var server = new CrmTestServer(new Dictionary<string, string?>(), builder =>
        {
            ApplyLogging(builder.Configuration, configuration);
            builder.Logging.AddProvider(capture);
        }))
        {
            var client = server.Client;
            var key = CrmTestServer.ApiKey;
            var calls = new List<CrmResponse>
            {
                await client.GetAsync(("command", "getcompanies")),
                await client.PostAsync(("command", "addcompany"), ("clients-org_name", "Log Co")),
                await client.GetAsync(("command", "nosuchcommand")),
                await client.GetAsync(("command", "getcompanybyname"), ("companyId", "not-a-number")),
                await client.GetAsync(("command", "getcompanies"), ("apiKey", key + "-twice")),
                await client.SendAsync(HttpMethod.Get, [("apiKey", WrongKey), ("userName", "admin"), ("command", "getcompanies")], withCredentials: false),
                await client.SendAsync(HttpMethod.Get, [("apiKey", key), ("userName", "nobody"), ("command", "getcompanies")], withCredentials: false),
                await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/plugins/servlet/crm/api?command=getcompanies&userName=admin&api%4Bey={key}")),
                await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/plugins/servlet/crm/api?command=getcompanies&apiKey={key}&userName=admin&bad=%ZZ")),
            };
            using var headers = new HttpRequestMessage(HttpMethod.Get, "/plugins/servlet/crm/api?command=getcompanies");
            headers.Headers.Add("X-Api-Key", key);
            headers.Headers.Add("X-Crm-User", "admin");
            calls.Add(await client.SendAsync(headers));
            using var wrongHeader = new HttpRequestMessage(HttpMethod.Get, "/plugins/servlet/crm/api?command=getcompanies");
            wrongHeader.Headers.Add("X-Api-Key", WrongKey);
            wrongHeader.Headers.Add("X-Crm-User", "admin");
            calls.Add(await client.SendAsync(wrongHeader));

            Assert.Equal(HttpStatusCode.OK, calls[0].Status);
            Assert.Equal(HttpStatusCode.Unauthorized, calls[5].Status);
            bodies.AddRange(calls.Select(c => c.Body));
        }

        var lines = capture.Lines;
        Assert.Contains(lines, l => l.Contains("apiKey=***", StringComparison.Ordinal) && l.Contains("getcompanies", StringComparison.Ordinal));
        foreach (var secret in new[] { CrmTestServer.ApiKey, WrongKey })
        {
            var leaks = lines.Where(l => l.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"{configuration}: the key appears in {leaks.Count} of {lines.Count} lines, e.g.\n{leaks.FirstOrDefault()}");
            Assert.DoesNotContain(bodies, b => b.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static void ApplyLogging(IConfigurationBuilder configuration, string name)
    {
        switch (name)
        {
            case "Crm.Server appsettings.json":
                configuration.AddJsonFile(Path.Combine(RepositoryRoot.Path, "src", "Crm.Server", "appsettings.json"), optional: false);
                break;
            case "Crm.Functions host.json":
                // The host's log levels, applied to the same ASP.NET Core pipeline the worker runs.
                using (var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Crm.Functions", "host.json"))))
                {
                    var levels = hostJson.RootElement.GetProperty("logging").GetProperty("logLevel").EnumerateObject()
                        .ToDictionary(p => "Logging:LogLevel:" + (p.Name == "default" ? "Default" : p.Name), p => (string?)p.Value.GetString());
                    configuration.AddInMemoryCollection(levels);
                }
                break;
            default:
                configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Logging:LogLevel:Default"] = "Trace",
                    ["Logging:LogLevel:Microsoft"] = "Trace",
                    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                    ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
                    ["Logging:Console:LogLevel:Default"] = "Trace",
                });
                break;
        }
    }
}
