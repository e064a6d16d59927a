using System.Text;
using System.Threading.Channels;

namespace Blind61.HarbourPilots.Audit;

public sealed record BoardingAuditEntry(DateTimeOffset At, string Pilot, string Vessel, string Action);

/// <summary>
/// Buffered audit log for pilot boardings and disembarkations. Entries are batched into the
/// day's audit file; <see cref="FlushAsync"/> waits until everything written so far is on disk.
/// </summary>
public sealed class BoardingAuditLog : IAsyncDisposable
{
    private abstract record Item;
    private sealed record Entry(BoardingAuditEntry Value) : Item;
    private sealed record Flush(TaskCompletionSource Done) : Item;

    private readonly Channel<Item> _channel = Channel.CreateBounded<Item>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly StringBuilder _buffer = new();
    private readonly string _directory;
    private readonly Task _writer;
    private int _pendingLines;

    public BoardingAuditLog(string directory)
    {
        _directory = directory;
        _writer = Task.Run(WriteLoopAsync);
    }

    public ValueTask WriteAsync(BoardingAuditEntry entry, CancellationToken ct = default) =>
        _channel.Writer.WriteAsync(new Entry(entry), ct);

    public async Task FlushAsync(CancellationToken ct = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync(new Flush(done), ct).ConfigureAwait(false);
        await done.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                switch (item)
                {
                    case Entry { Value: var e }:
                        _buffer.Append(e.At.ToString("O")).Append('\t').Append(e.Pilot).Append('\t')
                               .Append(e.Vessel).Append('\t').Append(e.Action).Append('\n');
                        if (++_pendingLines >= 200)
                            await WriteBufferAsync().ConfigureAwait(false);
                        break;
                    case Flush { Done: var done }:
                        await WriteBufferAsync().ConfigureAwait(false);
                        done.TrySetResult();
                        break;
                }
            }
            await WriteBufferAsync().ConfigureAwait(false);
        }
    }

    private async Task WriteBufferAsync()
    {
        if (_pendingLines == 0)
            return;
        var path = Path.Combine(_directory, $"boardings-{DateTime.UtcNow:yyyyMMdd}.tsv");
        await File.AppendAllTextAsync(path, _buffer.ToString()).ConfigureAwait(false);
        _buffer.Clear();
        _pendingLines = 0;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
