using System.Net;
using System.Text.RegularExpressions;
using Crm.Core.Commands;
using Crm.Server.Tests.Support;
using Crm.TestSupport;
using OpenQA.Selenium;

namespace Crm.Server.Tests.Discovery;

/// <summary>
/// <c>GET /docs</c>: Scalar's reference page over /openapi.json, its scripts served by the app, and <c>/</c> leading
/// there. In headless Chromium it lists every command, loads nothing from another host, and its "try it" client
/// sends a call with a key and shows the server's answer.
/// </summary>
public sealed class ReferencePageTests(ReferencePageTests.NamedKeyServer fixture) : IClassFixture<ReferencePageTests.NamedKeyServer>
{
    private const string Key = "docs-page-key-0123456789";

    /// <summary>A named key acting as the admin: "try it" then needs only the key, typed into the page's one key field.</summary>
    public sealed class NamedKeyServer : IAsyncLifetime
    {
        public CrmTestServer Server { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Server = new CrmTestServer(new Dictionary<string, string?>
            {
                ["Crm:ApiKeys:Named:docs:Key"] = Key,
                ["Crm:ApiKeys:Named:docs:User"] = CrmTestServer.Admin,
            });
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    [Fact]
    public async Task The_root_leads_to_the_reference_page()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.BaseAddress };

        using var response = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/docs", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task The_page_and_its_scripts_come_from_the_app_and_may_reach_only_it()
    {
        var http = fixture.Server.Client.Http;

        using var page = await http.GetAsync("/docs");
        var html = await page.Content.ReadAsStringAsync();
        using var script = await http.GetAsync("/docs/scalar.js");
        var scalar = await script.Content.ReadAsStringAsync();
        using var icon = await http.GetAsync("/docs/favicon.svg");
        using var missing = await http.GetAsync("/docs/other.js");

        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType?.ToString());
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/docs/scalar.js\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("createApiReference", scalar, StringComparison.Ordinal);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("<svg", (await icon.Content.ReadAsStringAsync()).TrimStart(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [ChromiumFact]
    public async Task A_browser_lists_every_command_loads_nothing_from_elsewhere_and_tries_a_call()
    {
        var company = Api.AssertId(await fixture.Server.Client.GetAsync(("command", "addcompany"), ("clients-org_name", "Docs Page Co")));
        Assert.NotEmpty(company);
        using var chromium = new Chromium();
        var origin = fixture.Server.BaseAddress.ToString().TrimEnd('/');

        chromium.Page.Navigate().GoToUrl(origin + "/docs");

        var names = CommandCatalog.All.Select(c => c.Name).ToList();
        var listed = await Chromium.UntilAsync(() => names.All(chromium.Run<string>("return document.body.innerText").Contains));
        Assert.True(listed, "Not every command is on the page: " + string.Join(", ", names.Where(n => !chromium.Run<string>("return document.body.innerText").Contains(n, StringComparison.Ordinal))));
        var loaded = chromium.Run<IReadOnlyCollection<object>>("return performance.getEntriesByType('resource').map(e => e.name)").Cast<string>().ToList();
        Assert.Contains(origin + "/openapi.json", loaded);
        Assert.All(loaded, url => Assert.StartsWith(origin + "/", url, StringComparison.Ordinal));

        chromium.Page.FindElement(By.CssSelector(".scalar-reference-intro-auth input")).SendKeys(Key);
        chromium.Run<object>("[...document.querySelectorAll('button')].find(b => b.innerText.includes('Test Request') && b.innerText.includes('/getcompanies)')).click(); return null;");
        Assert.True(await Chromium.UntilAsync(() => chromium.Run<bool>(
            "const send = [...document.querySelectorAll('.scalar-client button')].find(b => b.innerText.trim().startsWith('Send')); if (send) send.click(); return !!send;")));
        string Client() => chromium.Run<string>("return document.querySelector('.response-section-content')?.closest('.scalar-client')?.innerText ?? document.body.innerText");
        var answered = await Chromium.UntilAsync(() => Regex.IsMatch(Client(), @"Status:\s*200") && Client().Contains("Docs Page Co", StringComparison.Ordinal));
        Assert.True(answered, "The try-it client showed no answer from the server:\n" + Client());
        Assert.Contains("\"success\": true", Client(), StringComparison.Ordinal);
    }
}
