namespace Theatre.LightingDesk;

/// <summary>
/// DMX channel levels for one universe. Shared by the OSC listener threads
/// (one per connected tablet), the fader panel and the 44 Hz DMX output loop.
/// </summary>
public sealed class DmxUniverse : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<int, byte> _levels = new();
    private readonly int _universeId;

    public DmxUniverse(int universeId) => _universeId = universeId;

    public int UniverseId => _universeId;

    public void SetLevel(int channel, byte level)
    {
        if (channel is < 1 or > 512)
        {
            throw new ArgumentOutOfRangeException(nameof(channel));
        }

        _lock.EnterReadLock();
        try
        {
            _levels[channel] = level;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void ApplyCue(IReadOnlyDictionary<int, byte> cue)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var (channel, level) in cue)
            {
                _levels[channel] = level;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public byte[] RenderFrame()
    {
        var frame = new byte[512];
        _lock.EnterReadLock();
        try
        {
            foreach (var (channel, level) in _levels)
            {
                frame[channel - 1] = level;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
        return frame;
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>
/// Receives "/chan/{n}/level" messages from a tablet running the remote app.
/// </summary>
public sealed class OscTabletListener
{
    private readonly DmxUniverse _universe;

    public OscTabletListener(DmxUniverse universe) => _universe = universe;

    public Task ListenAsync(IAsyncEnumerable<string> messages, CancellationToken ct) => Task.Run(async () =>
    {
        await foreach (var message in messages.WithCancellation(ct))
        {
            var parts = message.Split(' ');
            var address = parts[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (address.Length == 3 && address[0] == "chan" && int.TryParse(address[1], out var channel)
                && byte.TryParse(parts[^1], out var level))
            {
                _universe.SetLevel(channel, level);
            }
        }
    }, ct);
}
