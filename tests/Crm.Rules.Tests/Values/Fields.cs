using Crm.Core.Schema;
using Crm.Storage.Schema;

namespace Crm.Rules.Tests.Values;

/// <summary>Fields and tables for rule tests: the default companies table, and single fields of each type.</summary>
internal static class Fields
{
    public static TableDefinition Companies { get; } = DefaultSchema.Tables.Single(t => t.Name == DefaultSchema.Companies);

    public static FieldDefinition OfType(FieldType type) => new("T", "code", "Label", type, "f9", 9);

    public static FieldDefinition Title { get; } = new("T", "title", "Title", FieldType.Text, "f1", 1, IsTitle: true);
}
