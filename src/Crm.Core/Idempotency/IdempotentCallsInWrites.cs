using Crm.Core.Commands;
using Crm.Core.Errors;
using Crm.Storage.Entries;
using Crm.Storage.Idempotency;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Idempotency;

/// <summary>
/// Entry writes recorded in their own transactions: the call's record row travels with its first write in each
/// table, so a first call costs no more round trips than without a key; its answer is added afterwards, off the
/// caller's path (<see cref="CallAnswerKeeper"/>). A repeat collides with its own tokens (and answers as committed) or with the record (and answers
/// from it); a refusal, which writes nothing, is recorded on its own in the table it addressed.
/// </summary>
public sealed partial class IdempotentCalls
{
    private async Task<CommandResult> RunRecordedInWritesAsync(string id, string fingerprint, Func<Task<CommandResult>> run, CancellationToken cancellationToken)
    {
        // Another instance's concurrent repeat collides in storage instead and gets the same answer.
        if (!_running.TryAdd(id, 0))
        {
            throw StillRunning();
        }
        try
        {
            using var scope = WriteTokenScope.Begin(id, fingerprint);
            string answer;
            try
            {
                answer = await StoredAnswer.OfSuccessAsync(await run(), cancellationToken);
            }
            catch (CallRecordFoundException earlier)
            {
                return Replay(earlier.Record, fingerprint);
            }
            catch (CrmException refusal) when (refusal.Code.HttpStatus() < 500)
            {
                if (await RecordRefusalAsync(scope, id, new CallRecord(fingerprint, refusal.Code.HttpStatus(), StoredAnswer.OfRefusal(refusal))) is { } earlier)
                {
                    return Replay(earlier, fingerprint);
                }
                throw;
            }
            foreach (var table in scope.RecordedTables)
            {
                answers.Keep(table, id, new CallRecord(fingerprint, 200, answer));
            }
            return StoredAnswer.ReplaySuccess(answer);
        }
        finally
        {
            _running.TryRemove(id, out _);
        }
    }

    private static CommandResult Replay(CallRecord earlier, string fingerprint)
    {
        if (earlier.Fingerprint != fingerprint)
        {
            throw Mismatch();
        }
        return earlier.Status switch
        {
            null => throw StillRunning(),
            < 300 => StoredAnswer.ReplaySuccess(earlier.Answer ?? "{}"),
            _ => throw StoredAnswer.ReplayRefusal(earlier.Answer ?? "{}"),
        };
    }

    /// <summary>Records a refusal where a later write of the call would collide with it; returns an earlier call's record found there instead.</summary>
    private async Task<CallRecord?> RecordRefusalAsync(WriteTokenScope scope, string id, CallRecord refusal)
    {
        try
        {
            if (scope.RecordTable is { } table)
            {
                return await entries.TryRecordCallAsync(table, id, refusal, CancellationToken.None);
            }
            // Refused before naming a table (bad parameters): kept with the other commands' records.
            var record = new IdempotencyRecord(id, refusal.Fingerprint, "", clock.GetUtcNow(), refusal.Status, refusal.Answer);
            if (await store.TryStartAsync(record, CancellationToken.None))
            {
                return null;
            }
            return await store.GetAsync(id, CancellationToken.None) is { Finished: true } kept ? new CallRecord(kept.Fingerprint, kept.Status, kept.Answer) : null;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning("The refusal of an idempotent call could not be kept: {Reason}", failure.Message);
            return null;
        }
    }
}
