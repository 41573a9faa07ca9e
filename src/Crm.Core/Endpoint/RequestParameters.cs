using Crm.Core.Errors;
using Microsoft.Extensions.Primitives;

namespace Crm.Core.Endpoint;

/// <summary>The parameters of one call: query string and form body merged (docs/api.md#calling-it).</summary>
public sealed class RequestParameters
{
    private readonly Dictionary<string, string> _values;

    private RequestParameters(Dictionary<string, string> values) => _values = values;

    public IEnumerable<KeyValuePair<string, string>> All => _values;

    public static RequestParameters From(params IEnumerable<KeyValuePair<string, StringValues>>[] sources)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var count = 0;
        foreach (var (name, raw) in sources.SelectMany(s => s))
        {
            if (name.Length > RequestLimits.MaxParameterNameLength)
            {
                throw CrmException.BadRequest(
                    $"A parameter name is at most {RequestLimits.MaxParameterNameLength} characters; '{RequestLimits.Echo(name)}' has {name.Length}.");
            }
            foreach (var value in raw)
            {
                if (++count > RequestLimits.MaxParameters)
                {
                    throw CrmException.BadRequest($"A call takes at most {RequestLimits.MaxParameters} parameters (query string and form body together).");
                }
                var text = value ?? "";
                if (values.TryGetValue(name, out var existing) && existing != text)
                {
                    throw CrmException.BadRequest($"The parameter '{RequestLimits.Echo(name)}' is given twice with different values.");
                }
                values[name] = text;
            }
        }
        return new RequestParameters(values);
    }

    public static RequestParameters From(IEnumerable<KeyValuePair<string, string>> values) =>
        From(values.Select(v => new KeyValuePair<string, StringValues>(v.Key, v.Value)));

    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>The value when present and not blank, else null.</summary>
    public string? GetNonBlank(string name) => Get(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public string Require(string name) =>
        GetNonBlank(name) ?? throw CrmException.BadRequest($"The parameter '{name}' is required.");
}
