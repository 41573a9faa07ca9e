using System.Text.Json.Nodes;
using Crm.TestSupport;

namespace Crm.Infra.Tests.Settings;

/// <summary>local.settings.sample.json at the repository root (copy to src/Crm.Functions/local.settings.json).</summary>
public sealed class LocalSettingsSample
{
    private LocalSettingsSample(JsonObject root) => Root = root;

    public static string FilePath => Path.Combine(RepositoryRoot.Path, "local.settings.sample.json");

    public JsonObject Root { get; }

    public JsonObject Values => Root[nameof(Values)]?.AsObject() ?? throw new InvalidOperationException("local.settings.sample.json has no Values");

    public IReadOnlyList<string> Names => [.. Values.Select(p => p.Key)];

    public string? this[string name] => Values[name]?.GetValue<string>();

    public static LocalSettingsSample Load() =>
        new(JsonNode.Parse(File.ReadAllText(FilePath))?.AsObject() ?? throw new InvalidOperationException("local.settings.sample.json is empty"));
}
