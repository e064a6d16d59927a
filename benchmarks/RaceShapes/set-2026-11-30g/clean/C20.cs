using System.Net.Sockets;

namespace Relay.Client;

public sealed class DisconnectedEventArgs : EventArgs
{
    public DisconnectedEventArgs(Exception? reason) => Reason = reason;
    public Exception? Reason { get; }
}

public sealed class MessageEventArgs : EventArgs
{
    public MessageEventArgs(string text) => Text = text;
    public string Text { get; }
}

/// <summary>
/// Line-based TCP client. Events are raised on the internal receive task; handlers
/// may be attached or detached from any thread at any time.
/// </summary>
public sealed class LineClient : IAsyncDisposable
{
    private readonly TcpClient _tcp = new();
    private readonly CancellationTokenSource _cts = new();
    private Task? _receiveTask;

    public event EventHandler<MessageEventArgs>? MessageReceived;
    public event EventHandler<DisconnectedEventArgs>? Disconnected;

    public async Task ConnectAsync(string host, int port, CancellationToken ct)
    {
        await _tcp.ConnectAsync(host, port, ct).ConfigureAwait(false);
        var stream = _tcp.GetStream();
        var token = _cts.Token;
        _receiveTask = Task.Run(() => ReceiveLoopAsync(stream, token));
    }

    private async Task ReceiveLoopAsync(Stream stream, CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            using var reader = new StreamReader(stream);
            while (!ct.IsCancellationRequested)
            {
                var line = await reader.ReadLineAsync(ct).ConfigureAwait(false);
                if (line is null)
                    break;

                OnMessageReceived(new MessageEventArgs(line));
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            failure = ex;
        }
        catch (OperationCanceledException)
        {
        }

        OnDisconnected(new DisconnectedEventArgs(failure));
    }

    private void OnMessageReceived(MessageEventArgs e)
    {
        var handler = MessageReceived;
        handler?.Invoke(this, e);
    }

    private void OnDisconnected(DisconnectedEventArgs e)
    {
        EventHandler<DisconnectedEventArgs>? handler = Volatile.Read(ref Disconnected);
        if (handler != null)
            handler(this, e);
    }

    public async ValueTask DisposeAsync()
    {
        _cts.Cancel();
        _tcp.Dispose();
        if (_receiveTask is not null)
        {
            try { await _receiveTask.ConfigureAwait(false); }
            catch (ObjectDisposedException) { }
        }
        _cts.Dispose();
    }
}
