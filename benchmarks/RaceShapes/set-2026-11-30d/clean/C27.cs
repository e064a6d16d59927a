using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Blind4.Clean.Networking.LineProtocol;

public sealed class LineReceivedEventArgs : EventArgs
{
    public LineReceivedEventArgs(string line, DateTimeOffset receivedAt)
    {
        Line = line;
        ReceivedAt = receivedAt;
    }

    public string Line { get; }

    public DateTimeOffset ReceivedAt { get; }
}

/// <summary>
/// Minimal client for a newline-delimited TCP protocol (telemetry gateways, game servers).
/// <see cref="LineReceived"/> is raised on the receive loop's thread.
/// </summary>
public sealed class LineProtocolClient : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private readonly CancellationTokenSource _closing = new();
    private Task _receiveLoop = Task.CompletedTask;

    public event EventHandler<LineReceivedEventArgs>? LineReceived;

    public async Task ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        await _client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        var stream = _client.GetStream();
        var closingToken = _closing.Token;
        _receiveLoop = Task.Run(() => ReceiveLoopAsync(stream, closingToken));
    }

    private async Task ReceiveLoopAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        while (!cancellationToken.IsCancellationRequested)
        {
            var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                break;
            }

            var handler = Volatile.Read(ref LineReceived);
            handler?.Invoke(this, new LineReceivedEventArgs(line, DateTimeOffset.UtcNow));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closing.Cancel();
        try
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
        }
        _client.Dispose();
    }
}

/// <summary>Buffers received lines until the game loop drains them once per frame.</summary>
public sealed class InboundLineBuffer : IDisposable
{
    private readonly LineProtocolClient _client;
    private readonly ConcurrentQueue<LineReceivedEventArgs> _pending = new();

    public InboundLineBuffer(LineProtocolClient client)
    {
        _client = client;
        _client.LineReceived += OnLineReceived;
    }

    private void OnLineReceived(object? sender, LineReceivedEventArgs e) => _pending.Enqueue(e);

    public int Drain(List<LineReceivedEventArgs> into, int max = 256)
    {
        var count = 0;
        while (count < max && _pending.TryDequeue(out var item))
        {
            into.Add(item);
            count++;
        }
        return count;
    }

    public void Dispose() => _client.LineReceived -= OnLineReceived;
}
