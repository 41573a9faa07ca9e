namespace Crm.Storage.Schema;

/// <summary>The value types of spec §4.2.</summary>
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
