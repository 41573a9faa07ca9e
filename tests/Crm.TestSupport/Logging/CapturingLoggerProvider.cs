using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Crm.TestSupport.Logging;

/// <summary>
/// Keeps every log line that the host's filters let through, as everything a sink could record: category, level,
/// formatted message, each structured value, the scopes and the exception with its stack.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { $"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}" };
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                parts.AddRange(values.Select(v => $"  {v.Key}={v.Value}"));
            }
            provider._scopes.ForEachScope((scope, list) => list.Add($"  scope: {scope}"), parts);
            if (exception is not null)
            {
                parts.Add("  " + exception);
            }
            provider._lines.Enqueue(string.Join('\n', parts));
        }
    }
}
