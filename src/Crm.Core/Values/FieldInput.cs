using Crm.Storage.Schema;

namespace Crm.Core.Values;

/// <summary>A value the caller gave for a field, and how the parameter named it (for error messages).</summary>
public sealed record FieldInput(FieldDefinition Field, string Value, string ParameterName);
