using System.Globalization;
using Crm.Core.Commands;

namespace Crm.Core.Access;

/// <summary>
/// <c>getkeys</c>: every key's name, kind, bound user, source, valid versions (created, not-before, expires) and last use.
/// Never a key's value or hash.
/// </summary>
public sealed class GetKeysHandler(IApiKeyValidator keys, KeyUsageRecorder usage, TimeProvider clock)
{
    public async Task<CommandResult> ExecuteAsync(CommandContext context)
    {
        var all = await keys.ListAsync(context.Cancellation);
        var lastUsed = await usage.LastUsedAsync(context.Cancellation);
        var now = clock.GetUtcNow();
        var items = all
            .OrderBy(k => k.Kind)
            .ThenBy(k => k.Name, StringComparer.OrdinalIgnoreCase)
            .Select(k => (IEnumerable<(string Name, object Value)>)
            [
                ("name", k.Name),
                ("kind", k.Kind == ApiKeyKind.Shared ? "shared" : "named"),
                ("user", k.User ?? ""),
                ("source", k.Source == ApiKeySource.KeyVault ? "keyvault" : "configuration"),
                ("versions", k.Versions.Where(v => v.IsValidAt(now)).Select(v => (IEnumerable<(string Name, object Value)>)
                [
                    ("version", v.Id),
                    ("created", Format(v.Created)),
                    ("notBefore", Format(v.NotBefore)),
                    ("expires", Format(v.Expires)),
                ]).ToList()),
                ("lastUsed", Format(lastUsed.TryGetValue(k.Id, out var used) ? used : null)),
            ])
            .ToList();
        return new PropertiesResult(("keys", items));
    }

    private static string Format(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";
}
