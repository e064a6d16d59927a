using System.Collections.Generic;
using System.IO;
using System.Threading.Channels;

namespace Blind65.LavenderFarms.Distillery;

public sealed record StillLogEntry(DateTimeOffset At, int Still, double SteamBar, double OilMillilitres);

/// <summary>
/// Buffered writer for the distillery's still log. The still controllers write
/// entries from their own threads; a single background loop batches them to disk.
/// </summary>
public sealed class StillLogSink : IAsyncDisposable
{
    private readonly Channel<StillLogEntry> _channel;
    private readonly string _path;
    private readonly Task _writerLoop;
    private readonly List<string> _batch = new(256);
    private long _dropped;

    public StillLogSink(string path, int capacity = 10_000)
    {
        _path = path;
        _channel = Channel.CreateBounded<StillLogEntry>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.DropWrite,
        });
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Write(StillLogEntry entry)
    {
        if (!_channel.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_batch.Count < 256 && reader.TryRead(out var entry))
            {
                _batch.Add($"{entry.At:O}\t{entry.Still}\t{entry.SteamBar:F2}\t{entry.OilMillilitres:F1}");
            }

            await File.AppendAllLinesAsync(_path, _batch).ConfigureAwait(false);
            _batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);
    }
}

public sealed class StillController
{
    private readonly int _still;
    private readonly StillLogSink _log;

    public StillController(int still, StillLogSink log)
    {
        _still = still;
        _log = log;
    }

    public void Start(CancellationToken token)
    {
        var thread = new Thread(() =>
        {
            var oil = 0.0;
            while (!token.IsCancellationRequested)
            {
                oil += 0.4;
                _log.Write(new StillLogEntry(DateTimeOffset.UtcNow, _still, 1.2, oil));
                Thread.Sleep(200);
            }
        })
        { IsBackground = true, Name = $"still-{_still}" };
        thread.Start();
    }
}
