using System.Reflection;
using System.Text.RegularExpressions;
using Crm.TestSupport;

namespace Crm.Infra.Tests.Settings;

/// <summary>The app's assemblies (src/*) this test project can load, and the section names declared in src/ source.</summary>
public static partial class AppAssemblies
{
    public static IReadOnlyList<Assembly> Loaded { get; } = Load();

    /// <summary>Every <c>SectionName = "..."</c> constant in src/**/*.cs, to catch an options class in an assembly not loaded here.</summary>
    public static IReadOnlyList<string> SectionNamesInSource() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => SectionNameConstant().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .Order(StringComparer.Ordinal)];

    private static List<Assembly> Load()
    {
        var sourceProjects = Directory.GetDirectories(Path.Combine(RepositoryRoot.Path, "src")).Select(Path.GetFileName).ToHashSet();
        var found = new Dictionary<string, Assembly>();
        var pending = new Queue<Assembly>([typeof(AppAssemblies).Assembly]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is { } name && name.StartsWith("Crm.", StringComparison.Ordinal) && !found.ContainsKey(name))
                {
                    var loaded = Assembly.Load(reference);
                    found[name] = loaded;
                    pending.Enqueue(loaded);
                }
            }
        }
        return [.. found.Where(p => sourceProjects.Contains(p.Key)).Select(p => p.Value)];
    }

    [GeneratedRegex(@"const\s+string\s+SectionName\s*=\s*""([^""]+)""")]
    private static partial Regex SectionNameConstant();
}
