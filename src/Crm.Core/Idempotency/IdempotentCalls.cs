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
/// not record its answer finds those writes instead of writing again.
/// </summary>
public sealed class IdempotentCalls(IdempotencyStore store, TimeProvider clock, ILogger<IdempotentCalls> logger)
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

    public async Task<CommandResult> RunAsync(
        string key, CallerCredentials caller, CrmUser user, RequestParameters parameters, Func<Task<CommandResult>> run, CancellationToken cancellationToken)
    {
        if (key.Length > MaxKeyLength || string.IsNullOrWhiteSpace(key))
        {
            throw CrmException.BadRequest($"An {Header} must be 1 to {MaxKeyLength} characters long.");
        }
        var id = RecordId(caller.ApiKey ?? "", user.Login, key);
        var fingerprint = Fingerprint(parameters);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = clock.GetUtcNow();
            var fresh = new IdempotencyRecord(id, fingerprint, Instance, now, null, null);
            // A first call is the common case: insert straight away, read only when the key is taken.
            if (await store.TryStartAsync(fresh, cancellationToken))
            {
                return await RunAndRecordAsync(fresh, run, cancellationToken);
            }
            var existing = await store.GetAsync(id, cancellationToken);
            if (existing is null)
            {
                continue;
            }
            if (existing.Started < now - Lifetime)
            {
                if (await store.TryTakeOverAsync(existing, fresh, cancellationToken))
                {
                    return await RunAndRecordAsync(fresh, run, cancellationToken);
                }
                continue;
            }
            if (existing.Fingerprint != fingerprint)
            {
                throw new CrmException(ErrorCode.IdempotencyMismatch,
                    $"This {Header} was first used with other parameters; use a new key for a different request.");
            }
            if (existing.Finished)
            {
                return existing.Status < 300 ? StoredAnswer.ReplaySuccess(existing.Answer ?? "{}") : throw StoredAnswer.ReplayRefusal(existing.Answer ?? "{}");
            }
            if (!HasDied(existing, now))
            {
                throw new CrmException(ErrorCode.Conflict, $"The first call with this {Header} is still running; repeat it in a moment.")
                {
                    RetryAfter = TimeSpan.FromSeconds(1),
                };
            }
            if (await store.TryTakeOverAsync(existing, fresh, cancellationToken))
            {
                return await RunAndRecordAsync(fresh, run, cancellationToken);
            }
        }
        throw new CrmException(ErrorCode.Conflict, $"Other calls with this {Header} kept interfering; repeat it in a moment.");
    }

    private bool HasDied(IdempotencyRecord running, DateTimeOffset now) =>
        (running.Instance == Instance && !_running.ContainsKey(running.Id)) || running.Started < now - RunningLease;

    private async Task<CommandResult> RunAndRecordAsync(IdempotencyRecord record, Func<Task<CommandResult>> run, CancellationToken cancellationToken)
    {
        _running[record.Id] = 0;
        try
        {
            string answer;
            using (WriteTokenScope.Begin(record.Id))
            {
                try
                {
                    answer = await StoredAnswer.OfSuccessAsync(await run(), cancellationToken);
                }
                catch (CrmException refusal) when (refusal.Code.HttpStatus() < 500)
                {
                    await RecordAsync(record, refusal.Code.HttpStatus(), StoredAnswer.OfRefusal(refusal));
                    throw;
                }
                catch (Exception)
                {
                    await ForgetAsync(record);
                    throw;
                }
            }
            await RecordAsync(record, 200, answer);
            return StoredAnswer.ReplaySuccess(answer);
        }
        finally
        {
            _running.TryRemove(record.Id, out _);
        }
    }

    /// <summary>Keeps the answer. If storage fails now, the record stays running: a repeat takes it over and its writes find their tokens.</summary>
    private async Task RecordAsync(IdempotencyRecord record, int status, string answer)
    {
        try
        {
            await store.FinishAsync(record, status, answer, CancellationToken.None);
        }
        catch (Exception failure)
        {
            logger.LogWarning("The answer of an idempotent call could not be kept: {Reason}", failure.Message);
        }
    }

    private async Task ForgetAsync(IdempotencyRecord record)
    {
        try
        {
            await store.ForgetAsync(record.Id, CancellationToken.None);
        }
        catch (Exception failure)
        {
            logger.LogWarning("A failed idempotent call's record could not be removed: {Reason}", failure.Message);
        }
    }

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
