using System.Net.Sockets;
using System.Text;

namespace Telemetry.Ingest.Tcp;

public sealed class LineReceivedEventArgs : EventArgs
{
    public LineReceivedEventArgs(string line) => Line = line;

    public string Line { get; }
}

/// <summary>
/// Reads newline-delimited messages from a TCP connection on a dedicated thread and raises an
/// event for each one. Subscribers may attach and detach from any thread at any time.
/// </summary>
public sealed class LineProtocolConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly Thread _receiveThread;
    private int _closed;

    public event EventHandler<LineReceivedEventArgs>? LineReceived;

    public event EventHandler? Disconnected;

    public LineProtocolConnection(Socket connectedSocket)
    {
        _socket = connectedSocket;
        _receiveThread = new Thread(ReceiveLoop) { IsBackground = true, Name = "line-protocol-receive" };
    }

    public void Start() => _receiveThread.Start();

    private void ReceiveLoop()
    {
        var buffer = new byte[8192];
        var pending = new StringBuilder();

        try
        {
            while (true)
            {
                int read = _socket.Receive(buffer);
                if (read == 0)
                {
                    break;
                }

                pending.Append(Encoding.UTF8.GetString(buffer, 0, read));

                int newline;
                while ((newline = IndexOf(pending, '\n')) >= 0)
                {
                    var line = pending.ToString(0, newline).TrimEnd('\r');
                    pending.Remove(0, newline + 1);
                    OnLineReceived(line);
                }
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        Close();
    }

    private void OnLineReceived(string line)
    {
        var handler = Volatile.Read(ref LineReceived);
        handler?.Invoke(this, new LineReceivedEventArgs(line));
    }

    private void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _socket.Dispose();
        var handler = Volatile.Read(ref Disconnected);
        handler?.Invoke(this, EventArgs.Empty);
    }

    private static int IndexOf(StringBuilder sb, char value)
    {
        for (int i = 0; i < sb.Length; i++)
        {
            if (sb[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    public void Dispose() => Close();
}
