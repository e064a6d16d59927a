using System.Net.Sockets;
using System.Text;

namespace Telnetish.Transport;

public sealed class LineReceivedEventArgs : EventArgs
{
    public LineReceivedEventArgs(string line) => Line = line;
    public string Line { get; }
}

/// <summary>
/// Wraps a connected socket and raises an event for every line received.
/// Events are raised on the receive loop's thread; UI and logging
/// components subscribe and unsubscribe from their own threads.
/// </summary>
public sealed class LineConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _cts = new();
    private Task? _receiveLoop;

    public LineConnection(Socket socket) => _socket = socket;

    public event EventHandler<LineReceivedEventArgs>? LineReceived;
    public event EventHandler? Closed;

    public void Start() => Volatile.Write(ref _receiveLoop, Task.Run(() => ReceiveLoopAsync(_cts.Token)));

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[4096];
        var pending = new StringBuilder();

        try
        {
            while (!ct.IsCancellationRequested)
            {
                int read = await _socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, ct).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                pending.Append(Encoding.UTF8.GetString(buffer, 0, read));
                int newline;
                while ((newline = IndexOfNewline(pending)) >= 0)
                {
                    var line = pending.ToString(0, newline).TrimEnd('\r');
                    pending.Remove(0, newline + 1);
                    OnLineReceived(line);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        finally
        {
            var closed = Volatile.Read(ref Closed);
            closed?.Invoke(this, EventArgs.Empty);
        }
    }

    private void OnLineReceived(string line)
    {
        var handler = Volatile.Read(ref LineReceived);
        handler?.Invoke(this, new LineReceivedEventArgs(line));
    }

    private static int IndexOfNewline(StringBuilder sb)
    {
        for (int i = 0; i < sb.Length; i++)
        {
            if (sb[i] == '\n')
            {
                return i;
            }
        }
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        _cts.Cancel();
        var loop = Volatile.Read(ref _receiveLoop);
        if (loop != null)
        {
            await loop.ConfigureAwait(false);
        }
        _socket.Dispose();
        _cts.Dispose();
    }
}

public sealed class TranscriptRecorder
{
    private readonly List<string> _lines = new();

    public void Attach(LineConnection connection) => connection.LineReceived += OnLine;

    public void Detach(LineConnection connection) => connection.LineReceived -= OnLine;

    private void OnLine(object? sender, LineReceivedEventArgs e)
    {
        lock (_lines)
        {
            _lines.Add($"{DateTime.Now:HH:mm:ss} {e.Line}");
        }
    }

    public string[] Snapshot()
    {
        lock (_lines)
        {
            return _lines.ToArray();
        }
    }
}
