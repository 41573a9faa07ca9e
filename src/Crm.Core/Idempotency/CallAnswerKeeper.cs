using System.Threading.Channels;
using Crm.Storage.Entries;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Idempotency;

/// <summary>
/// Adds the answers of entry writes made with an <c>Idempotency-Key</c> to their call records, off the callers'
/// path and together: answers that arrive within <see cref="Gather"/> of each other are written as one transaction
/// per table rather than one request each. A repeat whose record has no answer yet works it out from the call's
/// write tokens, so an answer lost here (a full queue, a failed write, a process killed) changes no answer.
/// </summary>
public sealed class CallAnswerKeeper : IAsyncDisposable
{
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);

    /// <summary>Answers waiting at most; beyond that they are not kept (repeats then use the write tokens).</summary>
    private const int MaxWaiting = 20_000;

    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(5);

    private readonly EntryStore _entries;
    private readonly ILogger<CallAnswerKeeper> _logger;
    private readonly Channel<(string Table, string Call, CallRecord Answer)> _waiting =
        Channel.CreateBounded<(string, string, CallRecord)>(new BoundedChannelOptions(MaxWaiting) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Task _writer;

    public CallAnswerKeeper(EntryStore entries, ILogger<CallAnswerKeeper> logger)
    {
        _entries = entries;
        _logger = logger;
        _writer = Task.Run(WriteAsync);
    }

    public void Keep(string table, string call, CallRecord answer)
    {
        if (!_waiting.Writer.TryWrite((table, call, answer)))
        {
            _logger.LogWarning("The answer of an idempotent call was not kept in {Table}: {Waiting} answers are waiting already.", table, MaxWaiting);
        }
    }

    private async Task WriteAsync()
    {
        var reader = _waiting.Reader;
        while (await reader.WaitToReadAsync())
        {
            if (!reader.Completion.IsCompleted)
            {
                // A batching window in real time, not the CRM's clock (tests may stop that one).
                await Task.Delay(Gather);
            }
            var gathered = new List<(string Table, string Call, CallRecord Answer)>();
            while (gathered.Count < MaxWaiting && reader.TryRead(out var answer))
            {
                gathered.Add(answer);
            }
            foreach (var table in gathered.GroupBy(a => a.Table, StringComparer.Ordinal))
            {
                await KeepAsync(table.Key, table.Select(a => (a.Call, a.Answer)).ToList());
            }
        }
    }

    private async Task KeepAsync(string table, List<(string Call, CallRecord Answer)> answers)
    {
        try
        {
            foreach (var failure in await _entries.KeepCallAnswersAsync(table, answers, CancellationToken.None))
            {
                _logger.LogWarning("The answer of an idempotent call could not be kept in {Table}: {Reason}", table, failure.Message);
            }
        }
        catch (Exception failure)
        {
            _logger.LogWarning("{Count} answers of idempotent calls could not be kept in {Table}: {Reason}", answers.Count, table, failure.Message);
        }
    }

    /// <summary>Writes what is waiting before the process stops (bounded, so a store that is down cannot hold the stop).</summary>
    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(ShutdownWait);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Answers of idempotent calls still waiting at shutdown were not kept.");
        }
    }
}
