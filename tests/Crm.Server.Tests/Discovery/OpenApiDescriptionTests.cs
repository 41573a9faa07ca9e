using System.Net;
using System.Text.Json;
using Crm.Core.Commands;
using Crm.Core.Errors;
using Crm.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Server.Tests.Discovery;

/// <summary>
/// <c>GET /openapi.json</c>: no key needed, every command of the server's catalog at its own path with its parameters
/// (the field forms too), right, answer and error answers, both ways of passing the key, and no error from a standard
/// linter (Redocly CLI, pinned in tools/openapi-lint).
/// </summary>
public sealed class OpenApiDescriptionTests(CrmTestServerFixture fixture) : IClassFixture<CrmTestServerFixture>
{
    private const string Prefix = "/plugins/servlet/crm/api/";

    [Fact]
    public async Task It_is_served_without_a_key_and_names_this_server()
    {
        using var response = await fixture.Server.Client.Http.GetAsync("/openapi.json");
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("3.0.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal(fixture.Server.BaseAddress.ToString().TrimEnd('/'), document.GetProperty("servers")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Every_command_of_the_catalog_has_its_path_with_get_and_post_and_no_path_names_another()
    {
        var paths = (await DescriptionAsync()).GetProperty("paths");
        var catalog = fixture.Server.Services.GetRequiredService<CommandCatalog>().Names.ToHashSet(StringComparer.Ordinal);

        var described = paths.EnumerateObject().Where(p => p.Name.StartsWith(Prefix, StringComparison.Ordinal)).Select(p => p.Name[Prefix.Length..]).ToHashSet();
        Assert.True(described.SetEquals(catalog), $"missing: {string.Join(", ", catalog.Except(described))}; extra: {string.Join(", ", described.Except(catalog))}");
        foreach (var name in catalog)
        {
            var path = paths.GetProperty(Prefix + name);
            Assert.Equal(name, path.GetProperty("get").GetProperty("summary").GetString());
            Assert.Equal(name, path.GetProperty("post").GetProperty("summary").GetString());
        }
        var command = paths.GetProperty("/plugins/servlet/crm/api").GetProperty("get").GetProperty("parameters")[0];
        Assert.Equal("command", command.GetProperty("name").GetString());
        Assert.Equal(catalog.Count, command.GetProperty("schema").GetProperty("enum").GetArrayLength());
    }

    [Fact]
    public async Task A_command_states_its_parameters_the_field_forms_and_its_right()
    {
        var paths = (await DescriptionAsync()).GetProperty("paths");
        var add = paths.GetProperty(Prefix + "addcompany").GetProperty("get");
        var upsert = paths.GetProperty(Prefix + "updateOrCreateEntity").GetProperty("post");

        Assert.Contains("Right: `CLIENTS.add`.", add.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("Right: `<tableName>.add` to create", upsert.GetProperty("description").GetString(), StringComparison.Ordinal);
        var fields = Parameter(add, "fields").GetProperty("description").GetString()!;
        Assert.Contains("clients-<code>=<value>", fields, StringComparison.Ordinal);
        Assert.Contains("crm_param_N=<code or name>", fields, StringComparison.Ordinal);
        Assert.Contains("view-clients-<code>=<label>", fields, StringComparison.Ordinal);
        Assert.Equal("companyName", Parameter(add, "companyName").GetProperty("name").GetString());
        var form = upsert.GetProperty("requestBody").GetProperty("content").GetProperty("application/x-www-form-urlencoded").GetProperty("schema");
        Assert.Equal("tableName", Assert.Single(form.GetProperty("required").EnumerateArray()).GetString());
        Assert.Equal(JsonValueKind.Object, form.GetProperty("additionalProperties").ValueKind);
        Assert.False(Has(paths.GetProperty(Prefix + "gettables").GetProperty("get"), "fields"));
    }

    [Fact]
    public async Task Paging_versions_and_repeats_are_described_where_the_commands_take_them()
    {
        var paths = (await DescriptionAsync()).GetProperty("paths");
        var list = paths.GetProperty(Prefix + "getcontacts").GetProperty("get");
        var edit = paths.GetProperty(Prefix + "editcompany").GetProperty("get");
        var get = paths.GetProperty(Prefix + "getcompanybyname").GetProperty("get");

        Assert.Equal(1000, Parameter(list, "limit").GetProperty("schema").GetProperty("maximum").GetInt32());
        Assert.True(Has(list, "cursor"));
        Assert.True(Success(list).GetProperty("properties").TryGetProperty("nextCursor", out _));
        Assert.True(Has(edit, "If-Match") && Has(edit, "ifMatch") && Has(edit, "Idempotency-Key"));
        Assert.False(Has(get, "If-Match") || Has(get, "Idempotency-Key") || Has(get, "limit"));
        Assert.True(get.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _));
    }

    [Fact]
    public async Task Every_error_code_is_described_under_its_status_and_both_ways_of_passing_the_key()
    {
        var document = await DescriptionAsync();
        var components = document.GetProperty("components");

        var codes = components.GetProperty("schemas").GetProperty("Error").GetProperty("properties").GetProperty("code").GetProperty("enum")
            .EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(Enum.GetValues<ErrorCode>().Select(c => c.Wire()), codes);
        var responses = document.GetProperty("paths").GetProperty(Prefix + "deletecontact").GetProperty("post").GetProperty("responses");
        foreach (var code in Enum.GetValues<ErrorCode>())
        {
            var status = responses.GetProperty(code.HttpStatus().ToString(System.Globalization.CultureInfo.InvariantCulture));
            var shared = components.GetProperty("responses").GetProperty(status.GetProperty("$ref").GetString()!.Split('/')[^1]);
            Assert.Contains($"`{code.Wire()}`", shared.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
        var schemes = components.GetProperty("securitySchemes");
        Assert.Equal(("header", "X-Api-Key"), Scheme(schemes.GetProperty("ApiKeyHeader")));
        Assert.Equal(("query", "apiKey"), Scheme(schemes.GetProperty("ApiKeyQuery")));
        Assert.Equal(2, document.GetProperty("security").GetArrayLength());
    }

    [Fact]
    public async Task A_standard_OpenAPI_linter_finds_no_error()
    {
        var file = Path.Combine(Path.GetTempPath(), $"crm-openapi-{Guid.NewGuid():N}.json");
        using (var response = await fixture.Server.Client.Http.GetAsync("/openapi.json"))
        {
            await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
        }
        try
        {
            var lint = await OpenApiLinter.LintAsync(file);

            Assert.True(lint.ExitCode == 0, $"Redocly lint found errors:\n{lint}");
            Assert.Contains("valid", lint.StandardOutput + lint.StandardError, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<JsonElement> DescriptionAsync()
    {
        using var response = await fixture.Server.Client.Http.GetAsync("/openapi.json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static bool Has(JsonElement operation, string name) =>
        operation.GetProperty("parameters").EnumerateArray().Any(p => p.GetProperty("name").GetString() == name);

    private static JsonElement Parameter(JsonElement operation, string name) =>
        operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    private static JsonElement Success(JsonElement operation) =>
        operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");

    private static (string?, string?) Scheme(JsonElement scheme) => (scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString());
}
