using System.Text.RegularExpressions;
using Crm.Core.Commands;
using Crm.Server;
using Crm.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Server.Tests;

/// <summary>
/// docs/api.md and requests/crm.http name exactly the commands the server knows: each command of the catalog
/// has its own heading and summary row in the reference and an example request, and neither names a command
/// the catalog lacks. The list comes from the catalog the server builds, so a new command cannot go undocumented.
/// </summary>
public sealed partial class ApiDocsCatalogTests
{
    private static readonly HashSet<string> Catalog = LoadCatalog();

    [Fact]
    public void The_catalog_is_read_from_the_server_and_holds_the_original_commands()
    {
        Assert.Contains("addcompany", Catalog);
        Assert.Contains("updateOrCreateEntity", Catalog);
        Assert.Contains("sync", Catalog);
        Assert.True(Catalog.Count >= 29, $"only {Catalog.Count} commands: {string.Join(", ", Catalog)}");
    }

    [Fact]
    public void Every_command_has_its_own_heading_in_the_api_reference_and_no_heading_names_another()
    {
        var headings = CommandHeading().Matches(ApiReference()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(headings.Count, headings.Distinct(StringComparer.Ordinal).Count());
        AssertSameCommands(headings, "docs/api.md headings");
    }

    [Fact]
    public void Every_command_has_a_row_in_the_api_reference_summary_that_links_to_its_heading()
    {
        var rows = SummaryRow().Matches(ApiReference()).ToList();
        AssertSameCommands(rows.Select(r => r.Groups[1].Value), "docs/api.md summary table");
        foreach (var row in rows)
        {
            Assert.Equal(row.Groups[1].Value.ToLowerInvariant(), row.Groups[2].Value);
        }
    }

    [Fact]
    public void Every_command_has_an_example_in_the_requests_file_and_no_example_names_another()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "requests", "crm.http"))
            .Where(l => !l.TrimStart().StartsWith('#') && !l.TrimStart().StartsWith("//", StringComparison.Ordinal));
        var named = lines.SelectMany(l => CommandParameter().Matches(l)).Select(m => Uri.UnescapeDataString(m.Groups[1].Value));
        AssertSameCommands(named, "requests/crm.http");
    }

    private static void AssertSameCommands(IEnumerable<string> named, string where)
    {
        var found = named.ToHashSet(StringComparer.Ordinal);
        Assert.True(found.SetEquals(Catalog),
            $"{where} and the command catalog differ. Missing from {where}: [{string.Join(", ", Catalog.Except(found))}]; "
            + $"not in the catalog: [{string.Join(", ", found.Except(Catalog))}].");
    }

    private static string ApiReference() => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "api.md"));

    /// <summary>The command names of the server's catalog, from the service provider the server builds (never started: no storage is reached).</summary>
    private static HashSet<string> LoadCatalog()
    {
        using var app = CrmServerApp.Create([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Crm:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Crm:ApiKeys:Local:0"] = "docs-check-key",
            ["Crm:Sync:Schedule"] = "",
        }));
        return app.Services.GetRequiredService<CommandCatalog>().Names.ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^#{2,6} `([A-Za-z]+)`\s*$", RegexOptions.Multiline)]
    private static partial Regex CommandHeading();

    [GeneratedRegex(@"^\| \[`([A-Za-z]+)`\]\(#([a-z]+)\) \|", RegexOptions.Multiline)]
    private static partial Regex SummaryRow();

    [GeneratedRegex(@"(?:^|[?&\s])command=([A-Za-z%0-9]+)")]
    private static partial Regex CommandParameter();
}
