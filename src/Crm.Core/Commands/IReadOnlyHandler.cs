namespace Crm.Core.Commands;

/// <summary>Marks the handler of commands that only read: an <c>Idempotency-Key</c> does not apply to them.</summary>
public interface IReadOnlyHandler;
