using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Crm.Core.Endpoint;

/// <summary>
/// The <c>If-Match</c> header read as the <c>ifMatch</c> parameter, so the commands see one value whichever way a client
/// sends it (GET-only clients cannot set headers); both given with different values is the usual "given twice" refusal.
/// </summary>
public static class IfMatchHeader
{
    public const string Parameter = "ifMatch";

    public static IEnumerable<KeyValuePair<string, StringValues>> AsParameter(HttpRequest request) =>
        request.Headers.IfMatch is { Count: > 0 } values && !StringValues.IsNullOrEmpty(values)
            ? [new(Parameter, string.Join(", ", values.Where(v => !string.IsNullOrWhiteSpace(v))))]
            : [];
}
