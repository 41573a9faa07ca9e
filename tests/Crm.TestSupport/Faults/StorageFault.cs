namespace Crm.TestSupport.Faults;

/// <summary>One request the proxy saw on its way to storage.</summary>
/// <param name="Sequence">1 for the first request of its kind (batch or not) since the rule was set.</param>
/// <param name="Body">The request body as text (a batch's operations and entities).</param>
public sealed record StorageRequest(string Method, string PathAndQuery, bool IsBatch, int Sequence, string Body);

/// <summary>What the proxy does to one request between the storage client and Azurite.</summary>
public abstract record StorageFault
{
    public static readonly StorageFault None = new Forward(TimeSpan.Zero);

    /// <summary>Storage does the work and answers, but the answer never reaches the client (the connection closes).</summary>
    public static readonly StorageFault LoseAnswer = new AfterCommit(TimeSpan.Zero);

    /// <summary>Storage does the work; the answer is held for <paramref name="hold"/> (or until the client gives up), then lost: a timeout after commit.</summary>
    public static StorageFault HoldThenLoseAnswer(TimeSpan hold) => new AfterCommit(hold);

    /// <summary>The connection is reset before storage sees the request.</summary>
    public static readonly StorageFault Reset = new ResetConnection();

    public static StorageFault Latency(TimeSpan delay) => new Forward(delay);

    /// <summary>Storage refuses with this status and Azure's error body, doing nothing.</summary>
    public static StorageFault Status(int status, string errorCode) => new Refuse(status, errorCode);

    public sealed record Forward(TimeSpan Delay) : StorageFault;

    public sealed record AfterCommit(TimeSpan Hold) : StorageFault;

    public sealed record ResetConnection : StorageFault;

    public sealed record Refuse(int StatusCode, string ErrorCode) : StorageFault;
}
