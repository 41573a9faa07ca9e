using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Crm.TestSupport;

namespace Crm.Infra.Tests.Bicep;

/// <summary>infra/bicep/main.bicep compiled to ARM JSON once per test run, with helpers to walk it and its modules.</summary>
public sealed partial class CompiledTemplate
{
    private static readonly Lazy<Task<CompiledTemplate>> Main = new(() => CompileAsync("infra/bicep/main.bicep"));

    private CompiledTemplate(BicepRun build, JsonObject root)
    {
        Build = build;
        Root = root;
        Resources = [.. ResourcesOf(root)];
    }

    /// <summary>The CLI run that produced the template (its diagnostics, if any).</summary>
    public BicepRun Build { get; }

    public JsonObject Root { get; }

    /// <summary>Every resource of the template and of its nested (module) templates, with the template declaring it.</summary>
    public IReadOnlyList<TemplateResource> Resources { get; }

    public static Task<CompiledTemplate> LoadMainAsync() => Main.Value;

    public static async Task<CompiledTemplate> CompileAsync(string relativePath)
    {
        var build = await BicepCli.RunAsync(RepositoryRoot.Path, "build", relativePath, "--stdout");
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {relativePath} failed: {build.Complaints}");
        }
        var root = JsonNode.Parse(build.StandardOutput)?.AsObject()
            ?? throw new InvalidOperationException("bicep build printed no template");
        return new CompiledTemplate(build, root);
    }

    public IEnumerable<TemplateResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public TemplateResource TheOnly(string type)
    {
        var matches = OfType(type).Where(r => !r.IsExisting).ToList();
        Assert.True(matches.Count == 1, $"expected exactly one {type}, found {matches.Count}");
        return matches[0];
    }

    /// <summary>Names of the Function App's app settings (siteConfig.appSettings), as written (with <c>__</c>).</summary>
    public IReadOnlyList<string> AppSettingNames()
    {
        var settings = TheOnly("Microsoft.Web/sites").Properties["siteConfig"]?["appSettings"]?.AsArray()
            ?? throw new InvalidOperationException("the Function App has no siteConfig.appSettings array");
        return [.. settings.Select(s => (string?)s?["name"] ?? throw new InvalidOperationException("app setting without a literal name: " + s))];
    }

    private static IEnumerable<TemplateResource> ResourcesOf(JsonObject template)
    {
        var resources = template["resources"];
        var items = resources switch
        {
            JsonArray array => array.Select(r => r!.AsObject()),
            // languageVersion 2.0: resources keyed by symbolic name.
            JsonObject byName => byName.Select(p => p.Value!.AsObject()),
            _ => [],
        };
        foreach (var resource in items)
        {
            yield return new TemplateResource(resource, template);
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in ResourcesOf(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    internal static partial Regex Guid();

    [GeneratedRegex(@"variables\('(\w+)'\)")]
    internal static partial Regex VariableReference();
}

/// <summary>A resource and the (module) template that declares it, so <c>variables('x')</c> can be resolved.</summary>
public sealed record TemplateResource(JsonObject Resource, JsonObject Template)
{
    public string Type => (string?)Resource["type"] ?? "";

    public bool IsExisting => Resource["existing"]?.GetValue<bool>() == true;

    public JsonObject Properties => Resource["properties"]?.AsObject() ?? [];

    /// <summary>The text of a property, with literal template variables it references appended (they hold e.g. role ids).</summary>
    public string Resolved(string? expression)
    {
        if (expression is null)
        {
            return "";
        }
        var variables = CompiledTemplate.VariableReference().Matches(expression)
            .Select(m => Template["variables"]?[m.Groups[1].Value])
            .OfType<JsonValue>()
            .Select(v => v.ToString());
        return string.Join(" ", [expression, .. variables]);
    }

    public IReadOnlyList<string> GuidsIn(string? expression) =>
        [.. CompiledTemplate.Guid().Matches(Resolved(expression)).Select(m => m.Value.ToLowerInvariant())];
}
