using System.Collections;
using System.Reflection;
using Crm.Storage.Configuration;

namespace Crm.Infra.Tests.Settings;

/// <summary>
/// One configuration key the app binds, e.g. <c>Crm:Sync:Jira:BaseUrl</c>. A collection key
/// (<c>Crm:ApiKeys:Local</c>) is written with an index or name below it: <c>Crm__ApiKeys__Local__0</c>.
/// </summary>
public sealed record OptionSetting(string Key, bool LocalOnly, bool IsCollection, Type DeclaringType)
{
    /// <summary>The key as an app setting or environment variable: <c>:</c> becomes <c>__</c>.</summary>
    public string AppSettingName => Key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>Whether a key found in a settings file sets this option (collection items carry an index).</summary>
    public bool IsSetBy(string configurationKey) =>
        string.Equals(configurationKey, Key, StringComparison.OrdinalIgnoreCase)
        || (IsCollection && configurationKey.StartsWith(Key + ":", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The settings of every options class (a type with <c>public const string SectionName</c>) in the given
    /// assemblies: public settable properties, collections, and nested option objects, recursively.
    /// </summary>
    public static IReadOnlyList<OptionSetting> Discover(IEnumerable<Assembly> assemblies)
    {
        var settings = new Dictionary<string, OptionSetting>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in OptionsTypes(assemblies))
        {
            foreach (var setting in SettingsOf(type, SectionNameOf(type)!, localOnly: false, visiting: []))
            {
                // A nested options class with its own SectionName is reached twice; both give the same keys.
                settings.TryAdd(setting.Key, setting);
            }
        }
        return [.. settings.Values.OrderBy(s => s.Key, StringComparer.Ordinal)];
    }

    public static IEnumerable<Type> OptionsTypes(IEnumerable<Assembly> assemblies) =>
        assemblies.SelectMany(a => a.GetTypes()).Where(t => SectionNameOf(t) is not null);

    public static string? SectionNameOf(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
            && field.FieldType == typeof(string)
            ? (string?)field.GetRawConstantValue()
            : null;

    private static IEnumerable<OptionSetting> SettingsOf(Type type, string prefix, bool localOnly, HashSet<Type> visiting)
    {
        if (!visiting.Add(type))
        {
            throw new InvalidOperationException($"options type {type} contains itself");
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }
            var key = prefix + ":" + property.Name;
            var isLocalOnly = localOnly || property.IsDefined(typeof(LocalOnlySettingAttribute), inherit: true);
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var settable = property.SetMethod?.IsPublic == true;
            if (IsScalar(propertyType))
            {
                if (settable)
                {
                    yield return new OptionSetting(key, isLocalOnly, IsCollection: false, type);
                }
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                // The binder fills get-only collections too.
                yield return new OptionSetting(key, isLocalOnly, IsCollection: true, type);
            }
            else if (propertyType.IsClass)
            {
                foreach (var nested in SettingsOf(propertyType, key, isLocalOnly, visiting))
                {
                    yield return nested;
                }
            }
        }
        visiting.Remove(type);
    }

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri);
}
