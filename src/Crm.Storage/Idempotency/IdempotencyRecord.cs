using Azure;

namespace Crm.Storage.Idempotency;

/// <summary>
/// One <c>Idempotency-Key</c> of one caller: the parameters' fingerprint, whether the first call is still running
/// (and on which instance), and once it finished its answer (status and JSON body).
/// </summary>
public sealed record IdempotencyRecord(
    string Id, string Fingerprint, string Instance, DateTimeOffset Started, int? Status, string? Answer, ETag ETag = default)
{
    public bool Finished => Status is not null;
}
