using Microsoft.Extensions.Logging;

namespace Baihe.Tests.TestSupport;

/// <summary>Collects the app's log entries so a test can read what support would see.</summary>
public sealed class LogSink : ILoggerProvider
{
    private readonly List<LogLine> _lines = [];

    /// <summary>One log entry: level, category and the formatted message (with the exception's message, if any).</summary>
    public sealed record LogLine(LogLevel Level, string Category, string Message);

    public IReadOnlyList<LogLine> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (sink._lines)
            {
                sink._lines.Add(new LogLine(logLevel, category, formatter(state, exception) + (exception is null ? "" : " | " + exception.Message)));
            }
        }
    }
}
