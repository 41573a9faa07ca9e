namespace Crm.Core.Commands;

/// <summary>
/// Marks a handler whose writes are entry writes: an <c>Idempotency-Key</c> call of it is recorded inside those
/// writes' own transactions (see <see cref="Crm.Storage.Entries.CallRecord"/>), at no extra round trip.
/// </summary>
public interface IEntryWriteHandler;
