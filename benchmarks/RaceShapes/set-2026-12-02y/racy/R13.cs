using System.Net.Sockets;

namespace Fjord.Ferries.Telemetry;

public enum PacketType : byte { Connect = 1, Publish = 3, PingRequest = 12, PingResponse = 13, Disconnect = 14 }

public interface IBrokerTransport : IAsyncDisposable
{
    ValueTask SendAsync(PacketType type, ReadOnlyMemory<byte> payload, CancellationToken ct);
    ValueTask<(PacketType Type, byte[] Payload)> ReceiveAsync(CancellationToken ct);
}

/// <summary>
/// Telemetry link between a ferry berth and the harbour broker. Publishes berth
/// occupancy and keeps the session alive with periodic pings. If the broker stops
/// answering, the session is torn down and <see cref="SessionLost"/> is raised so the
/// berth supervisor can open a new one.
/// </summary>
public sealed class BerthTelemetrySession : IAsyncDisposable
{
    private const int MaxMissedPings = 2;

    private readonly IBrokerTransport _transport;
    private readonly CancellationTokenSource _life = new();
    private readonly Timer _keepAliveTimer;
    private readonly Task _receiveLoop;
    private int _missedPings;
    private int _lost;

    public BerthTelemetrySession(IBrokerTransport transport, TimeSpan keepAlive)
    {
        _transport = transport;
        _receiveLoop = Task.Run(() => ReceiveLoopAsync(_life.Token));
        _keepAliveTimer = new Timer(OnKeepAliveTick, null, keepAlive, keepAlive);
    }

    public event Action<byte[]>? OccupancyReceived;
    public event Action<string>? SessionLost;

    public ValueTask PublishAsync(byte[] occupancy, CancellationToken ct) =>
        _transport.SendAsync(PacketType.Publish, occupancy, ct);

    private void OnKeepAliveTick(object? state)
    {
        if (_life.IsCancellationRequested) return;

        _missedPings++;
        if (_missedPings > MaxMissedPings)
        {
            Lose("broker stopped answering pings");
            return;
        }

        _ = _transport.SendAsync(PacketType.PingRequest, ReadOnlyMemory<byte>.Empty, _life.Token).AsTask();
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var (type, payload) = await _transport.ReceiveAsync(ct).ConfigureAwait(false);
                switch (type)
                {
                    case PacketType.PingResponse:
                        _missedPings = 0;
                        break;
                    case PacketType.Publish:
                        OccupancyReceived?.Invoke(payload);
                        break;
                    case PacketType.Disconnect:
                        Lose("broker closed the session");
                        return;
                }
            }
        }
        catch (SocketException ex)
        {
            Lose(ex.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private void Lose(string reason)
    {
        if (Interlocked.Exchange(ref _lost, 1) != 0) return;
        _life.Cancel();
        SessionLost?.Invoke(reason);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _lost, 1) == 0) _life.Cancel();
        await _keepAliveTimer.DisposeAsync().ConfigureAwait(false);
        try { await _receiveLoop.ConfigureAwait(false); } catch (OperationCanceledException) { }
        await _transport.DisposeAsync().ConfigureAwait(false);
        _life.Dispose();
    }
}
