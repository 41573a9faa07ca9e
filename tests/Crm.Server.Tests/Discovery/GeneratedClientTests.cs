using Crm.Server.Tests.Support;
using Crm.TestSupport;

namespace Crm.Server.Tests.Discovery;

/// <summary>
/// An integration's view of <c>/openapi.json</c>: Kiota (a dotnet local tool, .config/dotnet-tools.json) generates a C#
/// client from the running server's description into obj/, the client compiles, and its typed calls (a form POST
/// and two GETs, the key in the <c>X-Api-Key</c> header scheme) get their answers from the server.
/// </summary>
public sealed class GeneratedClientTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    private const string Driver = """
        using Microsoft.Kiota.Abstractions;
        using Microsoft.Kiota.Abstractions.Authentication;
        using Microsoft.Kiota.Http.HttpClientLibrary;

        // The description's ApiKeyHeader scheme (Kiota's own ApiKeyAuthenticationProvider accepts only https).
        public sealed class KeyHeader(string key) : IAuthenticationProvider
        {
            public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? context = null, CancellationToken cancellation = default)
            {
                request.Headers.Add("X-Api-Key", key);
                return Task.CompletedTask;
            }
        }

        public static class Driver
        {
            public static async Task<string[]> RunAsync(string baseUrl, string key, string user, string company)
            {
                using var http = new HttpClient();
                var adapter = new HttpClientRequestAdapter(new KeyHeader(key), httpClient: http) { BaseUrl = baseUrl };
                var api = new Crm.Generated.CrmClient(adapter).Plugins.Servlet.Crm.Api;

                var added = await api.Addcompany.PostAsAddcompanyPostResponseAsync(
                    new() { CompanyName = company }, c => c.Headers.Add("X-Crm-User", user));
                var found = await api.Getcompanybyname.GetAsGetcompanybynameGetResponseAsync(c =>
                {
                    c.Headers.Add("X-Crm-User", user);
                    c.QueryParameters.CompanyId = added!.Id;
                });
                var tables = await api.Gettables.GetAsGettablesGetResponseAsync(c => c.Headers.Add("X-Crm-User", user));
                return [added!.Id!, found!.Id!, found.AdditionalData["org_name"]?.ToString() ?? "", tables!.Tables!.Count.ToString(), tables.Success.ToString()!];
            }
        }
        """;

    [Fact]
    public async Task A_client_generated_from_the_description_compiles_and_calls_the_server()
    {
        var directory = Path.Combine(RepositoryRoot.Path, "tests", "Crm.Server.Tests", "obj", "generated-client");
        Directory.CreateDirectory(directory);
        var description = Path.Combine(directory, "openapi.json");
        using (var response = await fixture.Server.Client.Http.GetAsync("/openapi.json"))
        {
            await File.WriteAllTextAsync(description, await response.Content.ReadAsStringAsync());
        }

        var sources = await GenerateAsync(description, Path.Combine(directory, "CSharp"));
        var run = GeneratedClient.Compile(sources, Driver).GetType("Driver")!.GetMethod("RunAsync")!;
        var answer = await (Task<string[]>)run.Invoke(null, [fixture.Server.BaseAddress.ToString().TrimEnd('/'), CrmTestServer.ApiKey, CrmTestServer.Admin, "Generated Client Co"])!;

        Assert.Matches("^[0-9]+$", answer[0]);
        Assert.Equal(answer[0], answer[1]);
        Assert.Equal("Generated Client Co", answer[2]);
        Assert.Equal("4", answer[3]);
        Assert.Equal("True", answer[4]);
    }

    private static async Task<IReadOnlyList<string>> GenerateAsync(string description, string output)
    {
        var restore = await ToolRun.RunAsync("dotnet", ["tool", "restore"]);
        Assert.True(restore.ExitCode == 0, $"dotnet tool restore failed:\n{restore}");
        // No update check or tutorial: they would reach out of the machine.
        var environment = new Dictionary<string, string?> { ["KIOTA_UPDATE_DISABLED"] = "true", ["KIOTA_TUTORIAL_ENABLED"] = "false" };
        var generate = await ToolRun.RunAsync("dotnet",
            ["kiota", "generate", "-l", "CSharp", "-d", description, "-o", output, "-c", "CrmClient", "-n", "Crm.Generated", "--clean-output", "--log-level", "Warning"],
            environment: environment);
        Assert.True(generate.ExitCode == 0, $"kiota generate failed:\n{generate}");
        var files = Directory.GetFiles(output, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        return files;
    }
}
