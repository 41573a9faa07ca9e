using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Crm.Core.Access;
using Crm.Core.Commands;
using Crm.Core.Errors;
using Crm.Core.Endpoint;
using Crm.Storage.Entries;
using Crm.Storage.Idempotency;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on commands that write (issue 15): the same key with the same parameters gets the first
/// call's answer (successes and refusals, kept 24 h; a server-side failure is not kept, so the repeat runs again);
/// other parameters are refused with <c>idempotency_mismatch</c>; a repeat while the first still runs gets
/// <c>conflict</c>. Keys are scoped to the API key (its hash) and the user, and stored only as a hash.
/// The call's writes carry write tokens derived from the same hash, so a repeat whose first run wrote but could
/// not record its answer finds those writes instead of writing again. Entry writes keep the call's record in
/// their own transactions (<c>IdempotentCallsInWrites.cs</c>); other commands in <c>CrmRequests</c>
/// (<c>IdempotentCallsInRequests.cs</c>).
/// </summary>
public sealed partial class IdempotentCalls(
    IdempotencyStore store, EntryStore entries, CallAnswerKeeper answers, TimeProvider clock, ILogger<IdempotentCalls> logger)
{
    public const string Header = "Idempotency-Key";
    public const string Parameter = "idempotencyKey";
    public const int MaxKeyLength = 255;

    /// <summary>How long answers are kept.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>After this, a first call still marked running on another instance is taken to have died.</summary>
    public static readonly TimeSpan RunningLease = TimeSpan.FromSeconds(30);

    /// <summary>Marks this process's records, so a record it left running (its call has ended) can be taken over at once.</summary>
    private static readonly string Instance = Guid.NewGuid().ToString("N");

    /// <summary>Parameters that identify the caller or the key rather than the request.</summary>
    private static readonly HashSet<string> NotCompared = new(StringComparer.Ordinal) { "apiKey", "userName", Parameter };

    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);

    public Task<CommandResult> RunAsync(
        string key, CallerCredentials caller, CrmUser user, RequestParameters parameters, bool recordedInWrites,
        Func<Task<CommandResult>> run, CancellationToken cancellationToken)
    {
        if (key.Length > MaxKeyLength || string.IsNullOrWhiteSpace(key))
        {
            throw CrmException.BadRequest($"An {Header} must be 1 to {MaxKeyLength} characters long.");
        }
        var id = RecordId(caller.ApiKey ?? "", user.Login, key);
        var fingerprint = Fingerprint(parameters);
        return recordedInWrites
            ? RunRecordedInWritesAsync(id, fingerprint, run, cancellationToken)
            : RunRecordedInRequestsAsync(id, fingerprint, run, cancellationToken);
    }

    private static CrmException Mismatch() =>
        new(ErrorCode.IdempotencyMismatch, $"This {Header} was first used with other parameters; use a new key for a different request.");

    private static CrmException StillRunning() =>
        new(ErrorCode.Conflict, $"The first call with this {Header} is still running; repeat it in a moment.") { RetryAfter = TimeSpan.FromSeconds(1) };

    private static string RecordId(string apiKey, string login, string key)
    {
        var scope = $"{Convert.ToHexString(KeyHash.Of(apiKey))}\n{login}\n{key}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope)));
    }

    private static string Fingerprint(RequestParameters parameters)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in parameters.All.Where(p => !NotCompared.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var compared = name == "command" ? value.Trim().ToLowerInvariant() : value; // command names match in any case
            text.Append(name.Length).Append(':').Append(name).Append(compared.Length).Append(':').Append(compared);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
