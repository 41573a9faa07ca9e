namespace Crm.Storage.Entries;

/// <summary>A uniqueness claim: the normalized value of a unique field, held by one entry.</summary>
public sealed record ClaimRow(string Field, string NormalizedValue);

/// <summary>An index row: lets an entry be found by a field's normalized value with a range query.</summary>
/// <param name="Properties">Copied onto the row (e.g. the entry's title on a reference index, so reverse lookups need no entry reads).</param>
public sealed record IndexRow(string Field, string NormalizedValue, IReadOnlyDictionary<string, string>? Properties = null);

/// <summary>Everything written for one entry: its stored values and the claim and index rows that go with them.</summary>
/// <param name="Values">Property name (assigned by the schema) to value; empty values are not stored.</param>
/// <param name="Generation">
/// The generation of the table's schema the rows were planned with; stamped on the entry. A write planned with an
/// older generation than the entry's stamp or the table's counter is refused (<see cref="StaleSchemaException"/>).
/// </param>
public sealed record EntryImage(
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<ClaimRow> Claims,
    IReadOnlyList<IndexRow> Index,
    long Generation = 0);
