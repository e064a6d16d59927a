namespace Fjord.Ferries.Gangways;

public enum GangwayFrame : byte { Status = 1, Heartbeat = 2, HeartbeatAck = 3, Close = 4 }

public interface IGangwayLink : IAsyncDisposable
{
    ValueTask SendAsync(GangwayFrame frame, ReadOnlyMemory<byte> body, CancellationToken ct);
    ValueTask<(GangwayFrame Frame, byte[] Body)> ReceiveAsync(CancellationToken ct);
}

/// <summary>
/// Session with the hydraulic gangway controller at a ferry berth. Sends a
/// heartbeat on a timer and watches for acknowledgements on the receive loop;
/// too many unanswered heartbeats end the session.
/// </summary>
public sealed class GangwaySession : IAsyncDisposable
{
    private readonly IGangwayLink _link;
    private readonly int _maxUnanswered;
    private readonly CancellationTokenSource _cts = new();
    private readonly Timer _heartbeat;
    private readonly Task _receiver;
    private int _unanswered;
    private int _ended;

    public GangwaySession(IGangwayLink link, TimeSpan interval, int maxUnanswered = 3)
    {
        _link = link;
        _maxUnanswered = maxUnanswered;
        _receiver = Task.Run(() => ReceiveAsync(_cts.Token));
        _heartbeat = new Timer(OnHeartbeat, null, interval, interval);
    }

    public event Action<byte[]>? StatusReceived;
    public event Action<string>? Ended;

    public int Unanswered => Volatile.Read(ref _unanswered);

    private void OnHeartbeat(object? _)
    {
        if (Volatile.Read(ref _ended) != 0) return;

        if (Interlocked.Increment(ref _unanswered) > _maxUnanswered)
        {
            End("gangway controller not answering");
            return;
        }
        _ = _link.SendAsync(GangwayFrame.Heartbeat, ReadOnlyMemory<byte>.Empty, _cts.Token).AsTask();
    }

    private async Task ReceiveAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var (frame, body) = await _link.ReceiveAsync(ct).ConfigureAwait(false);
                if (frame == GangwayFrame.HeartbeatAck)
                {
                    Interlocked.Exchange(ref _unanswered, 0);
                }
                else if (frame == GangwayFrame.Status)
                {
                    StatusReceived?.Invoke(body);
                }
                else if (frame == GangwayFrame.Close)
                {
                    End("closed by controller");
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private void End(string reason)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        _cts.Cancel();
        Ended?.Invoke(reason);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0) _cts.Cancel();
        await _heartbeat.DisposeAsync().ConfigureAwait(false);
        try { await _receiver.ConfigureAwait(false); } catch (OperationCanceledException) { }
        await _link.DisposeAsync().ConfigureAwait(false);
        _cts.Dispose();
    }
}
