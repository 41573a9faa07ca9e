using Crm.TestSupport;

namespace Crm.Infra.Tests.Deployment;

/// <summary>The README's deploy summary and docs/deploy.md say what the template and the hosts really do.</summary>
public sealed class DeployDocsTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
    private static readonly string DeployDoc = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "deploy.md"));

    [Fact]
    public void Readme_states_the_azure_request_limits_and_the_form_post_way_round_them()
    {
        var deploy = ReadmeSection("Deploy to Azure");

        Assert.Contains("4 KB (414)", deploy, StringComparison.Ordinal);
        Assert.Contains("100 MB (413)", deploy, StringComparison.Ordinal);
        Assert.Contains("form POST", deploy, StringComparison.Ordinal);
        Assert.DoesNotContain("8 KB", Readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_deploy_section_links_the_deploy_doc_and_ends_with_the_smoke_test()
    {
        var deploy = ReadmeSection("Deploy to Azure");

        Assert.Contains("(docs/deploy.md)", deploy, StringComparison.Ordinal);
        Assert.DoesNotContain("FTP off", Readme, StringComparison.Ordinal);
        var lastSubsection = deploy[deploy.LastIndexOf("\n### ", StringComparison.Ordinal)..];
        Assert.StartsWith("\n### Smoke test", lastSubsection, StringComparison.Ordinal);
        Assert.Contains("scripts/smoke.sh", lastSubsection, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_list_output_shows_resource_names_under_the_app()
    {
        foreach (var text in new[] { ReadmeSection("Deploy to Azure"), DeployDoc })
        {
            Assert.Contains("<app>/CrmApi", text, StringComparison.Ordinal);
            Assert.DoesNotContain("→ CrmApi, Sync", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://github.com/Azure/azure-cli/issues/31414")]
    [InlineData("https://github.com/Azure/azure-rest-api-specs/issues/40898")]
    [InlineData("https://github.com/Azure/azure-functions-host/issues/11602")]
    [InlineData("https://learn.microsoft.com/en-us/azure/azure-functions/flex-consumption-plan")]
    [InlineData("https://learn.microsoft.com/en-us/azure/azure-functions/functions-bindings-http-webhook-trigger#limits")]
    public void Deploy_doc_cites_the_sources_it_rests_on(string url)
    {
        Assert.Contains(url, DeployDoc, StringComparison.Ordinal);
    }

    private static string ReadmeSection(string title)
    {
        var start = Readme.IndexOf($"\n## {title}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no section '## {title}'");
        var end = Readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? Readme[start..] : Readme[start..end];
    }
}
