using Azure;
using Azure.Data.Tables;

namespace Crm.Storage.Schema;

internal sealed class TableRow : ITableEntity
{
    public string PartitionKey { get; set; } = SchemaStore.Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string ListKey { get; set; } = "";
    public int NextProperty { get; set; }
    public bool NeedsReindex { get; set; }
    public int Order { get; set; }

    /// <summary>Bumped by every change of the table's fields that affects the rows of its entries (see <see cref="TableDefinition.Generation"/>).</summary>
    public long Generation { get; set; }
}

internal sealed class FieldRow : ITableEntity
{
    public string PartitionKey { get; set; } = SchemaStore.Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Table { get; set; } = "";
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public string Property { get; set; } = "";
    public int Order { get; set; }
    public bool IsTitle { get; set; }
    public bool Required { get; set; }
    public bool Unique { get; set; }
    public bool Searchable { get; set; }
    public string? Dictionary { get; set; }
    public string? TargetTable { get; set; }
    public string? ReverseField { get; set; }

    public static FieldRow From(FieldDefinition field) => new()
    {
        RowKey = SchemaStore.FieldKey(field.Table, field.Code),
        Table = field.Table,
        Code = field.Code,
        Name = field.Name,
        Type = field.Type.ToString(),
        Property = field.Property,
        Order = field.Order,
        IsTitle = field.IsTitle,
        Required = field.Required,
        Unique = field.Unique,
        Searchable = field.Searchable,
        Dictionary = field.Dictionary,
        TargetTable = field.TargetTable,
        ReverseField = field.ReverseField,
    };

    public FieldDefinition ToDefinition() => new(
        Table, Code, Name, Enum.Parse<FieldType>(Type), Property, Order,
        IsTitle, Required, Unique, Searchable, Dictionary, TargetTable, ReverseField);
}
