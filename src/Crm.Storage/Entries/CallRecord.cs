using Azure.Data.Tables;

namespace Crm.Storage.Entries;

/// <summary>
/// An <c>Idempotency-Key</c> call as recorded in the partition it wrote to: the row <c>t~i~&lt;call&gt;</c> is
/// added in the call's own write transaction, so it exists exactly when the write committed and costs no round
/// trip of its own. It holds the parameters' fingerprint; the answer (status and JSON) is added once known, and a
/// refusal is recorded on its own. A write that collides with a record is answered from it.
/// </summary>
public sealed record CallRecord(string Fingerprint, int? Status, string? Answer)
{
    public const string FingerprintProperty = "Fingerprint";
    public const string StatusProperty = "Status";
    public const string AnswerProperty = "Answer";

    public static CallRecord FromRow(TableEntity row) =>
        new(row.GetString(FingerprintProperty) ?? "", row.GetInt32(StatusProperty), row.GetString(AnswerProperty));

    public TableEntity ToRow(string table, string call)
    {
        var row = new TableEntity(table, WriteTokens.CallRecordRowKey(call)) { [FingerprintProperty] = Fingerprint };
        if (Status is { } status)
        {
            row[StatusProperty] = status;
            row[AnswerProperty] = Answer ?? "";
        }
        return row;
    }
}

/// <summary>A write of an <c>Idempotency-Key</c> call collided with the record of an earlier call with that key.</summary>
public sealed class CallRecordFoundException(CallRecord record)
    : Exception("An earlier call with this idempotency key is recorded here.")
{
    public CallRecord Record { get; } = record;
}
