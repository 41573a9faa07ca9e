
namespace Crm.Core.Endpoint;

/// <summary>
/// Removes API keys from anything that is logged: a query string, a URL, the parameters of a call.
/// A parameter is secret when its URL-decoded name is <c>apiKey</c> in any letter case (spelling variants included),
/// so encoded names such as <c>api%4Bey</c> cannot slip through.
/// </summary>
public static class SecretRedaction
{
    public const string Mask = "***";

    private static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase) { "apiKey", "api_key", "api-key", "x-api-key" };

    public static bool IsSecret(string parameterName) => SecretNames.Contains(parameterName.Trim());

    /// <summary>A query string (with or without its leading <c>?</c>) with the values of secret parameters replaced by <see cref="Mask"/>.</summary>
    public static string Query(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return "";
        }
        var leading = query[0] == '?' ? "?" : "";
        var parts = query[leading.Length..].Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? parts[i] : parts[i][..equals];
            if (equals >= 0 && IsSecret(Decode(name)))
            {
                parts[i] = name + "=" + Mask;
            }
        }
        return leading + string.Join('&', parts);
    }

    /// <summary>A URL (absolute or relative) with its query redacted and its fragment dropped.</summary>
    public static string Url(string url)
    {
        var fragment = url.IndexOf('#', StringComparison.Ordinal);
        if (fragment >= 0)
        {
            url = url[..fragment];
        }
        var question = url.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? url : url[..question] + Query(url[question..]);
    }

    /// <summary>The parameters of a call as <c>name=value</c> pairs fit for a log line.</summary>
    public static string Parameters(RequestParameters parameters) =>
        string.Join('&', parameters.All.Select(p => p.Key + "=" + (IsSecret(p.Key) ? Mask : p.Value)));

    private static string Decode(string name)
    {
        try
        {
            return Uri.UnescapeDataString(name.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return name;
        }
    }
}
