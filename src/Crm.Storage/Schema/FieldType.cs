namespace Crm.Storage.Schema;

/// <summary>The value types of docs/api.md#value-types.</summary>
public enum FieldType
{
    Text,
    Email,
    Url,
    Number,
    Date,
    Checkbox,
    Dictionary,
    Multi,
    Reference,
    Computed,
}
