namespace Blind22.Seismograph.Telemetry;

public interface IDigitizerLink
{
    Task<byte[]> ReadPacketAsync(CancellationToken ct);
}

/// <summary>
/// Streams packets from one remote digitizer on the volcano flank. The station console
/// may start, stop and restart the stream at any time from its command handlers.
/// </summary>
public sealed class DigitizerStream : IAsyncDisposable
{
    private readonly object _lifecycle = new();
    private readonly IDigitizerLink _link;
    private readonly Action<byte[]> _onPacket;
    private CancellationTokenSource? _cts;
    private Task _pump = Task.CompletedTask;
    private long _packets;

    public DigitizerStream(IDigitizerLink link, Action<byte[]> onPacket)
    {
        _link = link;
        _onPacket = onPacket;
    }

    public long PacketsReceived => Interlocked.Read(ref _packets);

    public bool IsRunning
    {
        get { lock (_lifecycle) { return _cts is not null; } }
    }

    public void Start()
    {
        lock (_lifecycle)
        {
            if (_cts is not null)
            {
                return;
            }
            var cts = new CancellationTokenSource();
            _cts = cts;
            _pump = Task.Run(() => PumpAsync(cts.Token));
        }
    }

    public async Task StopAsync()
    {
        CancellationTokenSource? cts;
        Task pump;
        lock (_lifecycle)
        {
            cts = _cts;
            pump = _pump;
            _cts = null;
        }
        if (cts is null)
        {
            return;
        }

        cts.Cancel();
        try
        {
            await pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            cts.Dispose();
        }
    }

    private async Task PumpAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var packet = await _link.ReadPacketAsync(ct).ConfigureAwait(false);
            Interlocked.Increment(ref _packets);
            _onPacket(packet);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
