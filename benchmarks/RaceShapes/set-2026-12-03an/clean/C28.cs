namespace Blind40.HarbourPilots.Channels;

public enum ChannelState
{
    Idle = 0,
    Connecting = 1,
    Ready = 2,
    ShutDown = 3,
}

public sealed record PilotageCall(string Method, byte[] Body);

/// <summary>
/// gRPC-style client channel to the port authority's pilotage service. Shared
/// by every component of the pilot station app. The first call triggers the
/// handshake; later calls wait for it to finish.
/// </summary>
public sealed class PilotageChannel : IDisposable
{
    private readonly Func<CancellationToken, Task> _handshake;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state = (int)ChannelState.Idle;
    private long _callsStarted;

    public PilotageChannel(Func<CancellationToken, Task> handshake) => _handshake = handshake;

    public ChannelState State => (ChannelState)Volatile.Read(ref _state);

    public long CallsStarted => Interlocked.Read(ref _callsStarted);

    public async Task<byte[]> InvokeAsync(PilotageCall call, CancellationToken ct)
    {
        await EnsureReadyAsync(ct).ConfigureAwait(false);
        Interlocked.Increment(ref _callsStarted);
        await Task.Delay(5, ct).ConfigureAwait(false);
        return call.Body;
    }

    private Task EnsureReadyAsync(CancellationToken ct)
    {
        int prior = Interlocked.CompareExchange(ref _state, (int)ChannelState.Connecting, (int)ChannelState.Idle);
        switch ((ChannelState)prior)
        {
            case ChannelState.Idle:
                _ = ConnectAsync();
                break;
            case ChannelState.ShutDown:
                throw new ObjectDisposedException(nameof(PilotageChannel));
        }
        return _ready.Task.WaitAsync(ct);
    }

    private async Task ConnectAsync()
    {
        try
        {
            await _handshake(CancellationToken.None).ConfigureAwait(false);
            if (Interlocked.CompareExchange(ref _state, (int)ChannelState.Ready, (int)ChannelState.Connecting)
                == (int)ChannelState.Connecting)
            {
                _ready.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            _ready.TrySetException(ex);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _state, (int)ChannelState.ShutDown) != (int)ChannelState.ShutDown)
        {
            _ready.TrySetException(new ObjectDisposedException(nameof(PilotageChannel)));
        }
    }
}
