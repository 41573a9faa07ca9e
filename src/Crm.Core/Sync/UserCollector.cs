using System.Text.Json;
using Crm.Storage.Keys;

namespace Crm.Core.Sync;

/// <summary>Turns pages of Jira user objects into directory users, once per login.</summary>
internal sealed class UserCollector(bool cloud)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<DirectoryUser> _users = [];

    public IReadOnlyList<DirectoryUser> Users => _users;

    /// <summary>Logins seen, including the ones filtered out (Cloud apps and customers).</summary>
    public int Seen => _seen.Count;

    /// <summary>How many logins of the page were new (0: a server ignoring startAt would otherwise loop for ever).</summary>
    public int AddPage(IEnumerable<JsonElement> page)
    {
        var added = 0;
        foreach (var item in page)
        {
            var login = Text(item, cloud ? "accountId" : "name");
            if (login.Length == 0 || !_seen.Add(ValueNormalizer.Normalize(login)))
            {
                continue;
            }
            added++;
            // Cloud lists apps and service-desk customers too; only people with an Atlassian account are staff.
            if (cloud && item.TryGetProperty("accountType", out var type) && type.GetString() != "atlassian")
            {
                continue;
            }
            var active = !item.TryGetProperty("active", out var flag) || flag.ValueKind != JsonValueKind.False;
            var deleted = item.TryGetProperty("deleted", out var gone) && gone.ValueKind == JsonValueKind.True;
            _users.Add(new DirectoryUser(login, Text(item, "displayName"), Text(item, "emailAddress"), active && !deleted));
        }
        return added;
    }

    private static string Text(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : "";
}
