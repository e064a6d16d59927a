using System.Net.Sockets;

namespace Blind2.C21;

public sealed class DisconnectedEventArgs : EventArgs
{
    public DisconnectedEventArgs(Exception? error) => Error = error;

    public Exception? Error { get; }
}

/// <summary>
/// Reads length-prefixed frames from a socket on a background task and
/// raises events for received frames and for disconnects. Listeners may
/// subscribe or unsubscribe from any thread.
/// </summary>
public sealed class FrameReader : IDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _cts = new();

    public FrameReader(Socket socket) => _socket = socket;

    public event EventHandler<ReadOnlyMemory<byte>>? FrameReceived;

    public event EventHandler<DisconnectedEventArgs>? Disconnected;

    public Task Start() => Task.Run(() => ReadLoopAsync(_cts.Token));

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        var header = new byte[4];
        Exception? error = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (!await ReadExactlyAsync(header, ct).ConfigureAwait(false))
                    break;

                int length = BitConverter.ToInt32(header, 0);
                var payload = new byte[length];
                if (!await ReadExactlyAsync(payload, ct).ConfigureAwait(false))
                    break;

                var received = Volatile.Read(ref FrameReceived);
                received?.Invoke(this, payload);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            error = ex;
        }

        var disconnected = Volatile.Read(ref Disconnected);
        disconnected?.Invoke(this, new DisconnectedEventArgs(error));
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken ct)
    {
        int offset = 0;
        while (offset < buffer.Length)
        {
            int n = await _socket.ReceiveAsync(buffer.AsMemory(offset), SocketFlags.None, ct).ConfigureAwait(false);
            if (n == 0)
                return false;
            offset += n;
        }
        return true;
    }

    public void Dispose()
    {
        _cts.Cancel();
        _socket.Dispose();
    }
}

public sealed class ReconnectMonitor
{
    private int _disconnects;

    public int Disconnects => Volatile.Read(ref _disconnects);

    public void Attach(FrameReader reader)
        => reader.Disconnected += (_, _) => Interlocked.Increment(ref _disconnects);
}
