namespace Blind4.Logging.Fanout;

public sealed record LogEntry(DateTimeOffset Timestamp, string Level, string Category, string Message);

public sealed record SinkFailure(string SinkName, int Attempts, Exception Error);

public interface ILogSink
{
    string Name { get; }

    Task WriteBatchAsync(IReadOnlyList<LogEntry> batch, CancellationToken cancellationToken);
}

/// <summary>
/// Sends each batch of log entries to every configured sink (file, Seq, Elasticsearch, ...)
/// at the same time, retrying a sink a few times before giving up on it for this batch.
/// </summary>
public sealed class FanoutLogWriter
{
    private readonly IReadOnlyList<ILogSink> _sinks;
    private readonly int _maxAttempts;
    private readonly TimeSpan _retryDelay;
    private readonly List<SinkFailure> _failures = new();

    public FanoutLogWriter(IEnumerable<ILogSink> sinks, int maxAttempts = 3, TimeSpan? retryDelay = null)
    {
        _sinks = sinks.ToArray();
        _maxAttempts = Math.Max(1, maxAttempts);
        _retryDelay = retryDelay ?? TimeSpan.FromMilliseconds(200);
    }

    /// <summary>
    /// Called by the background pump once per batch. Returns the sinks that could not be written.
    /// </summary>
    public async Task<IReadOnlyList<SinkFailure>> FlushAsync(IReadOnlyList<LogEntry> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return Array.Empty<SinkFailure>();
        }

        _failures.Clear();
        var writes = _sinks.Select(sink => WriteToSinkAsync(sink, batch, cancellationToken));
        await Task.WhenAll(writes).ConfigureAwait(false);
        return _failures.ToArray();
    }

    private async Task WriteToSinkAsync(ILogSink sink, IReadOnlyList<LogEntry> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await sink.WriteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception) when (attempt < _maxAttempts && !cancellationToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromTicks(_retryDelay.Ticks * attempt);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _failures.Add(new SinkFailure(sink.Name, attempt, ex));
                return;
            }
        }
    }
}
