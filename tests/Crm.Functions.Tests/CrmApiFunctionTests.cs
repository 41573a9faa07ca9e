using System.Reflection;
using System.Text;
using System.Text.Json;
using Crm.Core.Commands;
using Crm.Core.Endpoint;
using Crm.Core.Startup;
using Crm.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Crm.Functions.Tests;

/// <summary>
/// The Functions host cannot start here (no Functions runtime), so the app is built without Start and
/// its HTTP function is called directly, the way the ASP.NET Core integration calls it.
/// </summary>
public sealed class CrmApiFunctionTests : IDisposable
{
    private const string Key = "functions-test-key";
    private readonly IHost _host;

    public CrmApiFunctionTests()
    {
        _host = CrmFunctionsHost.Build([], builder =>
        {
            builder.Services.UseShortStorageRetries();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Crm:Storage:ConnectionString"] = Azurite.ConnectionString,
                ["Crm:Storage:TablePrefix"] = Azurite.NewTablePrefix(),
                ["Crm:ApiKeys:Local:0"] = Key,
                ["Crm:Bootstrap:Admin"] = "admin",
            });
        });
    }

    [Fact]
    public void The_Functions_app_without_storage_settings_fails_the_start_check_naming_them()
    {
        // The Functions host runs IStartupValidator when it starts (ValidateOnStart); it cannot start here, so the check is run as it would.
        using var host = CrmFunctionsHost.Build([]);

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith("Neither Crm:Storage:ConnectionString", failure.Message, StringComparison.Ordinal);
        Assert.Single(failure.Failures);
    }

    [Fact]
    public void Every_CRM_service_of_the_Functions_app_resolves_with_the_Azure_settings()
    {
        // As deployed: tables and vault reached with the managed identity. Building clients makes no call.
        IServiceCollection? registrations = null;
        using var host = CrmFunctionsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Crm:Storage:TableEndpoint"] = "https://crmtest.table.core.windows.net/",
                ["Crm:KeyVault:Uri"] = "https://crm-test.vault.azure.net/",
            });
            registrations = builder.Services;
        });
        var crmTypes = registrations!
            .Where(d => d.ServiceType.Namespace?.StartsWith("Crm.", StringComparison.Ordinal) == true && !d.ServiceType.IsGenericTypeDefinition)
            .Select(d => d.ServiceType)
            .Distinct()
            .ToList();

        Assert.NotEmpty(crmTypes);
        foreach (var type in crmTypes)
        {
            Assert.All(host.Services.GetServices(type), Assert.NotNull);
        }
        Assert.NotNull(host.Services.GetRequiredService<CrmHttpEndpoint>());
        Assert.NotEmpty(host.Services.GetServices<IStartupTask>());
        var commands = host.Services.GetRequiredService<CommandCatalog>().Names.ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Superset(new HashSet<string>(["getcompanies", "getcompanybyname", "addcompany", "editcompany", "deletecompany"], StringComparer.OrdinalIgnoreCase), commands);
        Assert.NotNull(ActivatorUtilities.CreateInstance<CrmApiFunction>(host.Services));
    }

    [Fact]
    public void The_local_service_graph_resolves_the_endpoint_and_the_function()
    {
        Assert.NotNull(_host.Services.GetRequiredService<CrmHttpEndpoint>());
        Assert.NotNull(_host.Services.GetRequiredService<CrmApi>());
        Assert.NotNull(ActivatorUtilities.CreateInstance<CrmApiFunction>(_host.Services));
    }

    [Fact]
    public void The_function_is_bound_to_the_servlet_path_for_GET_and_POST_without_a_route_prefix()
    {
        var run = typeof(CrmApiFunction).GetMethod(nameof(CrmApiFunction.Run))!;
        var trigger = run.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!;

        Assert.Equal("plugins/servlet/crm/api", trigger.Route);
        Assert.Equal(["get", "post"], trigger.Methods!.Select(m => m.ToLowerInvariant()).Order());
        Assert.Equal(AuthorizationLevel.Anonymous, trigger.AuthLevel);
        Assert.NotNull(run.GetCustomAttribute<FunctionAttribute>());

        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Crm.Functions", "host.json")));
        Assert.Equal("", hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public async Task The_http_function_invoked_directly_answers_getcompanies()
    {
        var empty = await InvokeAsync(Get("command=getcompanies&apiKey=" + Key + "&userName=admin"));
        Assert.Equal(200, empty.Status);
        Assert.Equal("application/json; charset=utf-8", empty.ContentType);
        Assert.True(empty.Json.GetProperty("success").GetBoolean());
        Assert.Empty(empty.Json.GetProperty("companies").EnumerateArray());

        var added = await InvokeAsync(PostForm("command=addcompany&clients-org_name=Functions+Co&view-clients-org_industry=Consulting", key: Key, user: "admin"));
        Assert.Equal(200, added.Status);
        var id = added.Json.GetProperty("id").GetString();

        var listed = await InvokeAsync(Get("command=getcompanies&apiKey=" + Key + "&userName=admin"));
        Assert.Equal(200, listed.Status);
        var company = Assert.Single(listed.Json.GetProperty("companies").EnumerateArray());
        Assert.Equal(["id", "name", "org_name", "org_type", "org_industry", "org_www", "org_sla", "org_contact", "org_people"], company.EnumerateObject().Select(p => p.Name));
        Assert.Equal((id, "Functions Co", "Consulting"),
            (company.GetProperty("id").GetString(), company.GetProperty("name").GetString(), company.GetProperty("org_industry").GetString()));
    }

    [Fact]
    public async Task The_http_function_answers_errors_in_the_spec_format()
    {
        var unauthorized = await InvokeAsync(Get("command=getcompanies&apiKey=wrong&userName=admin"));
        Assert.Equal((401, "unauthorized"), (unauthorized.Status, unauthorized.Json.GetProperty("code").GetString()));
        Assert.False(unauthorized.Json.GetProperty("success").GetBoolean());

        var unknown = await InvokeAsync(Get("command=nosuchcommand&apiKey=" + Key + "&userName=admin"));
        Assert.Equal((400, "unknown_command"), (unknown.Status, unknown.Json.GetProperty("code").GetString()));
        Assert.Equal("application/json; charset=utf-8", unknown.ContentType);
    }

    [Fact]
    public async Task Answers_of_the_function_are_no_store_nosniff_rate_limited_and_the_worker_sends_no_server_header()
    {
        var success = Get("command=getcompanies&apiKey=" + Key + "&userName=admin");
        var refused = Get("command=getcompanies&apiKey=wrong&userName=admin");

        Assert.Equal(200, (await InvokeAsync(success)).Status);
        Assert.Equal(401, (await InvokeAsync(refused)).Status);

        foreach (var headers in new[] { success.Response.Headers, refused.Response.Headers })
        {
            Assert.Equal("no-store", headers.CacheControl.ToString());
            Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
            Assert.Equal("\"perkey\";q=1200;w=60", headers["RateLimit-Policy"].ToString());
            Assert.StartsWith("\"perkey\";r=", headers["RateLimit"].ToString(), StringComparison.Ordinal);
        }
        Assert.StartsWith("\"perkey\";r=1199;", success.Response.Headers["RateLimit"].ToString(), StringComparison.Ordinal);
        Assert.False(_host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_command_path_function_answers_as_the_command_parameter()
    {
        var trigger = typeof(CrmApiFunction).GetMethod(nameof(CrmApiFunction.RunCommand))!.GetParameters()
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!;
        Assert.Equal("plugins/servlet/crm/api/{command}", trigger.Route);
        Assert.Equal(["get", "post"], trigger.Methods!.Select(m => m.ToLowerInvariant()).Order());
        Assert.Equal(AuthorizationLevel.Anonymous, trigger.AuthLevel);

        var byPath = await InvokeAsync(Get("apiKey=" + Key + "&userName=admin"), (function, request) => function.RunCommand(request, "gettables"));
        var byParameter = await InvokeAsync(Get("command=gettables&apiKey=" + Key + "&userName=admin"));
        var contradicted = await InvokeAsync(Get("command=getkeys&apiKey=" + Key + "&userName=admin"), (function, request) => function.RunCommand(request, "gettables"));

        Assert.Equal(200, byPath.Status);
        Assert.Equal(byParameter.Json.ToString(), byPath.Json.ToString());
        Assert.Equal(4, byPath.Json.GetProperty("tables").GetArrayLength());
        Assert.Equal((400, "bad_request"), (contradicted.Status, contradicted.Json.GetProperty("code").GetString()));
    }

    private async Task<(int Status, string ContentType, JsonElement Json)> InvokeAsync(DefaultHttpContext http, Func<CrmApiFunction, HttpRequest, IActionResult>? run = null)
    {
        http.RequestServices = _host.Services;
        http.Response.Body = new MemoryStream();
        var function = ActivatorUtilities.CreateInstance<CrmApiFunction>(_host.Services);

        var result = run is null ? function.Run(http.Request) : run(function, http.Request);
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));

        http.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(http.Response.Body);
        return (http.Response.StatusCode, http.Response.ContentType ?? "", document.RootElement.Clone());
    }

    private static DefaultHttpContext Get(string query)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Get;
        http.Request.Path = CrmHttpEndpoint.Route;
        http.Request.QueryString = new QueryString("?" + query);
        return http;
    }

    private static DefaultHttpContext PostForm(string form, string key, string user)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Post;
        http.Request.Path = CrmHttpEndpoint.Route;
        http.Request.Headers[CrmHttpEndpoint.ApiKeyHeader] = key;
        http.Request.Headers[CrmHttpEndpoint.UserHeader] = user;
        http.Request.ContentType = "application/x-www-form-urlencoded";
        var body = Encoding.UTF8.GetBytes(form);
        http.Request.Body = new MemoryStream(body);
        http.Request.ContentLength = body.Length;
        return http;
    }
}
