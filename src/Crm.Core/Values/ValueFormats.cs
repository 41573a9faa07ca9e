using System.Globalization;
using System.Text.RegularExpressions;
using Crm.Core.Errors;
using Crm.Storage.Entries;
using Crm.Storage.Keys;
using Crm.Storage.Schema;

namespace Crm.Core.Values;

/// <summary>Checks a value against its field's type and gives the form that is stored (docs/api.md#value-types).</summary>
public static partial class ValueFormats
{
    public static string ToStored(FieldDefinition field, string raw)
    {
        if (raw.Length > TableLimits.MaxStringLength)
        {
            throw Invalid(field, raw, $"at most {TableLimits.MaxStringLength} characters");
        }
        if (field.IsTitle)
        {
            return ValueNormalizer.Tidy(raw.Trim());
        }
        var value = raw.Trim();
        if (value.Length == 0)
        {
            return "";
        }
        return field.Type switch
        {
            FieldType.Text => raw,
            FieldType.Email => EmailPattern().IsMatch(value) ? value : throw Invalid(field, value, "an e-mail address such as name@example.com"),
            FieldType.Url => value.Any(char.IsWhiteSpace) ? throw Invalid(field, value, "a web address without spaces") : value,
            FieldType.Number => decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number.ToString(CultureInfo.InvariantCulture)
                : throw Invalid(field, value, "a number such as 10 or 12.5"),
            FieldType.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : throw Invalid(field, value, "a date as yyyy-MM-dd"),
            FieldType.Checkbox => value.ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "on" => "true",
                "false" or "0" or "no" or "off" => "false",
                _ => throw Invalid(field, value, "true or false"),
            },
            FieldType.Computed => throw CrmException.BadRequest($"'{field.Code}' is computed and cannot be written."),
            _ => value,
        };
    }

    /// <summary>The form under which a stored value is indexed and searched.</summary>
    public static string SearchForm(FieldDefinition field, string stored) =>
        field.Type switch
        {
            // Dividing by 1.000… drops the trailing zeros decimal keeps (10.00m → 10), so 10, 10.0 and 10.00 are one value.
            FieldType.Number when decimal.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) =>
                (number / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
            _ => ValueNormalizer.Normalize(stored),
        };

    private static CrmException Invalid(FieldDefinition field, string value, string expected) =>
        CrmException.BadRequest($"'{Shorten(value)}' is not a valid value for {field.Code} ({field.Name}): expected {expected}.");

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
