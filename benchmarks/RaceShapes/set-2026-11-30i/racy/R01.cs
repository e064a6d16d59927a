using System.Net.Sockets;

namespace Contoso.Http.Pooling;

/// <summary>
/// Keeps a set of idle TCP connections to a single origin so that request
/// handlers can reuse them. One pool instance is registered per origin and is
/// shared by every request that targets that origin.
/// </summary>
public sealed class OriginConnectionPool : IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly int _maxIdle;
    private readonly Stack<PooledConnection> _idle = new();
    private readonly object _sync = new();
    private int _totalCreated;
    private bool _disposed;

    public OriginConnectionPool(string host, int port, int maxIdle = 16)
    {
        _host = host;
        _port = port;
        _maxIdle = maxIdle;
    }

    public int TotalCreated => Volatile.Read(ref _totalCreated);

    public int IdleCount
    {
        get { lock (_sync) { return _idle.Count; } }
    }

    public async ValueTask<PooledConnection> RentAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            while (_idle.Count > 0)
            {
                var candidate = _idle.Pop();
                if (candidate.IsAlive)
                {
                    return candidate;
                }

                candidate.Dispose();
            }
        }

        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(_host, _port, cancellationToken).ConfigureAwait(false);

        _totalCreated++;
        return new PooledConnection(this, socket);
    }

    internal void Return(PooledConnection connection)
    {
        lock (_sync)
        {
            if (!_disposed && connection.IsAlive && _idle.Count < _maxIdle)
            {
                _idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }

    public void Dispose()
    {
        PooledConnection[] toClose;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            toClose = _idle.ToArray();
            _idle.Clear();
        }

        foreach (var connection in toClose)
        {
            connection.Dispose();
        }
    }
}

public sealed class PooledConnection : IDisposable
{
    private readonly OriginConnectionPool _owner;

    internal PooledConnection(OriginConnectionPool owner, Socket socket)
    {
        _owner = owner;
        Socket = socket;
    }

    public Socket Socket { get; }

    public bool IsAlive => Socket.Connected;

    public void Release() => _owner.Return(this);

    public void Dispose() => Socket.Dispose();
}
