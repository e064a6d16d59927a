using System.Threading.Channels;

namespace Blind10.Auditing.Trail;

public sealed record AuditEntry(DateTimeOffset At, string User, string Action, string Resource);

/// <summary>
/// Appends audit entries to a file. Request handlers record entries from any thread; one
/// background loop writes them out in order.
/// </summary>
public sealed class AuditTrailWriter : IAsyncDisposable
{
    private readonly Channel<AuditEntry> _channel = Channel.CreateUnbounded<AuditEntry>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = false,
    });

    private readonly Dictionary<string, int> _entriesPerUser = new(StringComparer.OrdinalIgnoreCase);
    private readonly StreamWriter _writer;
    private readonly Task _writeLoop;
    private long _linesWritten;

    public AuditTrailWriter(string path)
    {
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    public bool Record(string user, string action, string resource) =>
        _channel.Writer.TryWrite(new AuditEntry(DateTimeOffset.UtcNow, user, action, resource));

    private async Task WriteLoopAsync()
    {
        await foreach (var entry in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            _entriesPerUser[entry.User] = _entriesPerUser.GetValueOrDefault(entry.User) + 1;
            await _writer.WriteLineAsync($"{entry.At:O}\t{entry.User}\t{entry.Action}\t{entry.Resource}").ConfigureAwait(false);
            _linesWritten++;

            if (_channel.Reader.Count == 0)
            {
                await _writer.FlushAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops accepting entries, drains the queue and returns per-user totals.</summary>
    public async Task<(long Lines, IReadOnlyDictionary<string, int> PerUser)> CompleteAsync()
    {
        _channel.Writer.TryComplete();
        await _writeLoop.ConfigureAwait(false);
        return (_linesWritten, new Dictionary<string, int>(_entriesPerUser));
    }

    public async ValueTask DisposeAsync()
    {
        await CompleteAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }
}
