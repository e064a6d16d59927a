using System.Net.Sockets;

namespace Northwind.Net.Pooling;

/// <summary>
/// Connection pool for a single upstream endpoint with a hard cap on the
/// number of open sockets. One pool is shared by all outgoing requests to
/// that endpoint.
/// </summary>
public sealed class EndpointConnectionPool : IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly int _maxConnections;
    private readonly Stack<Socket> _idle = new();
    private readonly object _sync = new();
    private int _openConnections;
    private bool _disposed;

    public EndpointConnectionPool(string host, int port, int maxConnections)
    {
        _host = host;
        _port = port;
        _maxConnections = maxConnections;
    }

    public int OpenConnections
    {
        get { lock (_sync) { return _openConnections; } }
    }

    public async Task<Socket> RentAsync(CancellationToken ct)
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            if (_idle.Count > 0)
            {
                return _idle.Pop();
            }

            if (_openConnections >= _maxConnections)
            {
                throw new InvalidOperationException($"Connection limit of {_maxConnections} reached for {_host}:{_port}.");
            }

            _openConnections++;
        }

        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(_host, _port, ct).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            lock (_sync)
            {
                _openConnections--;
            }
            throw;
        }
    }

    public void Return(Socket socket, bool reusable)
    {
        lock (_sync)
        {
            if (!_disposed && reusable && socket.Connected)
            {
                _idle.Push(socket);
                return;
            }

            _openConnections--;
        }

        socket.Dispose();
    }

    public void Dispose()
    {
        Socket[] idle;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            idle = _idle.ToArray();
            _openConnections -= idle.Length;
            _idle.Clear();
        }

        foreach (var socket in idle)
        {
            socket.Dispose();
        }
    }
}
