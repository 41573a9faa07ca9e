using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Crm.Core.Commands;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Tests;

/// <summary>The two anonymous functions that serve /openapi.json and /docs on Azure, called directly as the host would.</summary>
public sealed class DiscoveryFunctionTests
{
    [Theory]
    [InlineData(nameof(DiscoveryFunctions.OpenApi), "openapi.json")]
    [InlineData(nameof(DiscoveryFunctions.ApiReference), "docs/{*asset}")]
    [InlineData(nameof(DiscoveryFunctions.Home), "{root:maxlength(0)?}")]
    public void Each_is_an_anonymous_GET_on_its_path(string function, string route)
    {
        var method = typeof(DiscoveryFunctions).GetMethod(function)!;
        var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!;

        Assert.Equal(route, trigger.Route);
        Assert.Equal(["get"], trigger.Methods!.Select(m => m.ToLowerInvariant()));
        Assert.Equal(AuthorizationLevel.Anonymous, trigger.AuthLevel);
        Assert.NotNull(method.GetCustomAttribute<FunctionAttribute>());
    }

    [Fact]
    public async Task The_description_function_describes_every_command_for_the_host_called()
    {
        var http = Request("/openapi.json");

        var body = await InvokeAsync(http, DiscoveryFunctions.OpenApi(http.Request));

        using var document = JsonDocument.Parse(body);
        Assert.Equal("https://crm-test.azurewebsites.net", document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
        var paths = document.RootElement.GetProperty("paths");
        Assert.All(CommandCatalog.All, command => Assert.True(paths.TryGetProperty("/plugins/servlet/crm/api/" + command.Name, out _), command.Name));
    }

    [Fact]
    public async Task Each_host_name_gets_its_own_server_url_also_after_another()
    {
        foreach (var host in new[] { "crm-a.example", "crm-b.example", "crm-a.example" })
        {
            var http = Request("/openapi.json");
            http.Request.Host = new HostString(host);

            using var document = JsonDocument.Parse(await InvokeAsync(http, DiscoveryFunctions.OpenApi(http.Request)));

            Assert.Equal($"https://{host}", document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
        }
    }

    [Fact]
    public async Task The_reference_function_serves_the_page_and_its_scripts()
    {
        var page = Request("/docs");
        var html = await InvokeAsync(page, DiscoveryFunctions.ApiReference(page.Request, asset: null));
        var script = Request("/docs/scalar.js");
        script.Request.Headers.AcceptEncoding = "gzip";
        var scalar = await InvokeAsync(script, DiscoveryFunctions.ApiReference(script.Request, "scalar.js"), gzip: true);
        var missing = Request("/docs/nothing");
        await InvokeAsync(missing, DiscoveryFunctions.ApiReference(missing.Request, "nothing"));

        Assert.Contains("<script src=\"/docs/scalar.js\">", html, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", page.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.Equal("gzip", script.Response.Headers.ContentEncoding.ToString());
        Assert.Contains("createApiReference", scalar, StringComparison.Ordinal);
        Assert.Equal(404, missing.Response.StatusCode);
    }

    [Fact]
    public async Task The_root_function_leads_to_the_reference_page()
    {
        var root = Request("/");

        await InvokeAsync(root, DiscoveryFunctions.Home(root.Request));

        Assert.Equal(302, root.Response.StatusCode);
        Assert.Equal("/docs", root.Response.Headers.Location.ToString());
    }

    private static DefaultHttpContext Request(string path)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Get;
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("crm-test.azurewebsites.net");
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        return http;
    }

    private static async Task<string> InvokeAsync(DefaultHttpContext http, IActionResult result, bool gzip = false)
    {
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        http.Response.Body.Position = 0;
        Stream body = gzip ? new GZipStream(http.Response.Body, CompressionMode.Decompress) : http.Response.Body;
        using var reader = new StreamReader(body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
