using System.Globalization;
using Crm.Core.Errors;
using Crm.Core.Endpoint;
using Crm.Storage.Keys;
using Crm.Storage.Schema;

namespace Crm.Core.Values;

/// <summary>
/// Finds the field parameters of a call (docs/api.md#naming-fields): <c>clients-&lt;code&gt;</c>, <c>crm_param_N</c> with
/// <c>crm_param_N_value</c>, and <c>view-clients-&lt;code&gt;</c> labels (used only when the plain parameter is absent).
/// </summary>
public static class FieldParameterReader
{
    private const string FormPrefix = "clients-";
    private const string LabelPrefix = "view-clients-";
    private const string PairPrefix = "crm_param_";
    private const string PairValueSuffix = "_value";

    public static IReadOnlyList<FieldInput> Read(TableDefinition table, RequestParameters parameters)
    {
        var plain = new List<FieldInput>();
        var labels = new List<FieldInput>();
        foreach (var (name, value) in parameters.All)
        {
            if (name.StartsWith(LabelPrefix, StringComparison.OrdinalIgnoreCase))
            {
                labels.Add(new FieldInput(ByCode(table, name[LabelPrefix.Length..], name), value, name));
            }
            else if (name.StartsWith(FormPrefix, StringComparison.OrdinalIgnoreCase))
            {
                plain.Add(new FieldInput(ByCode(table, name[FormPrefix.Length..], name), value, name));
            }
            else if (IsPairName(name, out var number))
            {
                var valueName = $"{PairPrefix}{number}{PairValueSuffix}";
                var pairValue = parameters.Get(valueName)
                    ?? throw CrmException.BadRequest($"'{name}' names a field but '{valueName}' is missing.");
                plain.Add(new FieldInput(ByCodeOrName(table, value, name), pairValue, name));
            }
            else if (IsPairValueName(name, out var valueNumber) && parameters.Get(PairPrefix + valueNumber) is null)
            {
                throw CrmException.BadRequest($"'{name}' has no '{PairPrefix}{valueNumber}' naming its field.");
            }
        }
        foreach (var group in plain.GroupBy(p => p.Field.Code))
        {
            if (group.Select(p => p.Value).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                throw CrmException.BadRequest($"The field '{group.Key}' is given several different values ({string.Join(", ", group.Select(p => p.ParameterName))}).");
            }
        }
        var result = plain.DistinctBy(p => p.Field.Code).ToList();
        result.AddRange(labels.Where(l => result.All(p => p.Field.Code != l.Field.Code)).DistinctBy(l => l.Field.Code));
        return result;
    }

    public static FieldDefinition ByCodeOrName(TableDefinition table, string codeOrName, string parameterName)
    {
        var byCode = table.FindByCode(codeOrName.Trim());
        if (byCode is not null)
        {
            return byCode;
        }
        var wanted = ValueNormalizer.Normalize(codeOrName);
        var byName = table.Fields.Where(f => ValueNormalizer.Normalize(f.Name) == wanted).ToList();
        return byName.Count switch
        {
            1 => byName[0],
            0 => throw UnknownField(table, codeOrName, parameterName),
            _ => throw CrmException.BadRequest(
                $"'{codeOrName}' ({parameterName}) matches several fields of {table.Name}: {string.Join(", ", byName.Select(f => f.Code))}. Use the code."),
        };
    }

    private static FieldDefinition ByCode(TableDefinition table, string code, string parameterName) =>
        table.FindByCode(code) ?? throw UnknownField(table, code, parameterName);

    private static CrmException UnknownField(TableDefinition table, string wanted, string parameterName) =>
        CrmException.BadRequest(
            $"{table.Name} has no field '{RequestLimits.Echo(wanted)}' ({RequestLimits.Echo(parameterName)})." +
            CloseMatches.Describe(wanted, table.Fields.SelectMany(f => new[] { f.Code, f.Name })));

    /// <summary>How many parameters name a field (each a search criterion in <c>searchEntities</c>), before any is looked up.</summary>
    public static int CountFieldParameters(RequestParameters parameters) =>
        parameters.All.Count(p => IsPairName(p.Key, out _) || p.Key.StartsWith(FormPrefix, StringComparison.OrdinalIgnoreCase)
            || p.Key.StartsWith(LabelPrefix, StringComparison.OrdinalIgnoreCase));

    private static bool IsPairName(string name, out int number)
    {
        number = 0;
        return name.StartsWith(PairPrefix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(PairPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    private static bool IsPairValueName(string name, out int number)
    {
        number = 0;
        return name.StartsWith(PairPrefix, StringComparison.Ordinal)
            && name.EndsWith(PairValueSuffix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(PairPrefix.Length, name.Length - PairPrefix.Length - PairValueSuffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
