using System.Collections.Concurrent;

namespace Blind54.VendingFleet.SerialBus;

/// <summary>Frame transport to a machine's main board (MDB over serial).</summary>
public interface IFrameTransport
{
    Task WriteFrameAsync(int sequence, string command, CancellationToken ct);

    /// <summary>Raised on the transport's reader thread for every reply frame.</summary>
    event Action<int, string>? FrameReceived;
}

/// <summary>
/// Request/response layer over the serial bus of one vending machine. Commands from the
/// fleet service (dispense, price update, cash audit) are issued concurrently; replies arrive
/// on the transport's reader thread and are matched by sequence number.
/// </summary>
public sealed class MachineBoardClient : IDisposable
{
    private readonly IFrameTransport _transport;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<string>> _pending = new();
    private int _sequence;

    public MachineBoardClient(IFrameTransport transport)
    {
        _transport = transport;
        _transport.FrameReceived += OnFrame;
    }

    public async Task<string> SendAsync(string command, TimeSpan timeout, CancellationToken ct)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[sequence] = reply;

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        using var registration = timeoutCts.Token.Register(() =>
        {
            if (_pending.TryRemove(sequence, out var abandoned))
            {
                abandoned.TrySetCanceled();
            }
        });

        try
        {
            await _transport.WriteFrameAsync(sequence, command, timeoutCts.Token);
            return await reply.Task;
        }
        finally
        {
            _pending.TryRemove(sequence, out _);
        }
    }

    private void OnFrame(int sequence, string payload)
    {
        if (_pending.TryRemove(sequence, out var reply))
        {
            reply.TrySetResult(payload);
        }
    }

    /// <summary>Dispenses a product and waits at most two seconds for the drop sensor.</summary>
    public async Task<bool> DispenseAsync(int slot, CancellationToken ct)
    {
        var send = SendAsync($"VEND {slot}", TimeSpan.FromSeconds(5), ct);
        var finished = await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(2), ct));
        return finished == send && send.IsCompletedSuccessfully && send.Result == "DROP OK";
    }

    public void Dispose()
    {
        _transport.FrameReceived -= OnFrame;
        foreach (var sequence in _pending.Keys)
        {
            if (_pending.TryRemove(sequence, out var reply))
            {
                reply.TrySetCanceled();
            }
        }
    }
}
