using Crm.Core.Commands;
using Crm.Core.Errors;
using Crm.Storage.Entries;
using Crm.Storage.Idempotency;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Idempotency;

/// <summary>
/// Calls recorded in <c>CrmRequests</c> (dictionary, schema and user administration): a record is started before
/// the call runs and finished with its answer, so these pay two more round trips than the call alone.
/// </summary>
public sealed partial class IdempotentCalls
{
    private async Task<CommandResult> RunRecordedInRequestsAsync(string id, string fingerprint, Func<Task<CommandResult>> run, CancellationToken cancellationToken)
    {
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
                throw Mismatch();
            }
            if (existing.Finished)
            {
                return existing.Status < 300 ? StoredAnswer.ReplaySuccess(existing.Answer ?? "{}") : throw StoredAnswer.ReplayRefusal(existing.Answer ?? "{}");
            }
            if (!HasDied(existing, now))
            {
                throw StillRunning();
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

}
