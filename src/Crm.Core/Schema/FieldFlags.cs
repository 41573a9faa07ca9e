using Crm.Core.Errors;
using Crm.Core.Endpoint;

namespace Crm.Core.Schema;

/// <summary>Reads the boolean flags of addfield/editfield (<c>true</c>/<c>false</c>, also 1/0, yes/no).</summary>
public static class FieldFlags
{
    public static bool? Read(RequestParameters parameters, string name) =>
        parameters.GetNonBlank(name)?.ToLowerInvariant() switch
        {
            null => null,
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            var other => throw CrmException.BadRequest($"'{other}' is not a valid value for {name}: use true or false."),
        };
}
