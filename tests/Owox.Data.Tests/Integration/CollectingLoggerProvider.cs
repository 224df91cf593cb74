using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Owox.Data.Tests.Integration;

/// <summary>A logger provider that queues every message, as <c>"{level}: {message} {exception}"</c>, at every level.</summary>
internal sealed class CollectingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Collecting(sink);

    public void Dispose()
    {
    }

    private sealed class Collecting(ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue(logLevel + ": " + formatter(state, exception) + " " + exception);
    }
}
