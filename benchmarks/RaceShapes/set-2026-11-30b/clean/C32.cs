using System.Threading.Channels;

namespace Blind2.C32;

/// <summary>
/// Audit log writer; entries are written to the file by a background pump.
/// </summary>
public sealed class AuditLogWriter : IAsyncDisposable
{
    private readonly Channel<string> _queue;
    private readonly StreamWriter _writer;
    private readonly Task _pump;
    private long _dropped;
    private long _written;

    public AuditLogWriter(string path, int capacity = 10_000)
    {
        _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.DropWrite,
        });

        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            AutoFlush = false,
        };

        _pump = Task.Run(PumpAsync);
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Written => Interlocked.Read(ref _written);

    public void Append(string actor, string action, string target)
    {
        var line = $"{DateTime.UtcNow:O}\t{actor}\t{action}\t{target}";
        if (!_queue.Writer.TryWrite(line))
            Interlocked.Increment(ref _dropped);
    }

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var line))
            {
                await _writer.WriteLineAsync(line).ConfigureAwait(false);
                Interlocked.Increment(ref _written);
            }

            await _writer.FlushAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }
}

public sealed class AdminController
{
    private readonly AuditLogWriter _audit;

    public AdminController(AuditLogWriter audit) => _audit = audit;

    public Task DeleteUsersAsync(string actor, IEnumerable<string> userIds)
        => Task.WhenAll(userIds.Select(id => Task.Run(() => _audit.Append(actor, "user.delete", id))));
}
