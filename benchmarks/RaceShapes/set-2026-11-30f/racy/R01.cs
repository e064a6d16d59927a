using System.Net.Sockets;

namespace Relay.Http.Pooling;

/// <summary>
/// Keeps a set of open TCP connections to a single endpoint so that requests
/// sent through the relay do not pay the connect cost every time.
/// One pool exists per endpoint and it is shared by every in-flight request.
/// </summary>
public sealed class EndpointConnectionPool : IDisposable
{
    private readonly object _sync = new();
    private readonly Stack<PooledConnection> _idle = new();
    private readonly string _host;
    private readonly int _port;
    private readonly int _maxConnections;
    private int _activeCount;
    private int _totalCreated;
    private bool _disposed;

    public EndpointConnectionPool(string host, int port, int maxConnections = 16)
    {
        _host = host;
        _port = port;
        _maxConnections = maxConnections;
    }

    public async ValueTask<PooledConnection> RentAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            while (_idle.Count > 0)
            {
                var candidate = _idle.Pop();
                if (candidate.IsUsable)
                {
                    _activeCount++;
                    return candidate;
                }

                candidate.Dispose();
            }

            if (_activeCount >= _maxConnections)
            {
                throw new InvalidOperationException(
                    $"Connection limit of {_maxConnections} reached for {_host}:{_port}.");
            }

            _activeCount++;
        }

        try
        {
            return await CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_sync)
            {
                _activeCount--;
            }
            throw;
        }
    }

    public void Return(PooledConnection connection)
    {
        lock (_sync)
        {
            _activeCount--;
            if (!_disposed && connection.IsUsable)
            {
                _idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }

    public PoolStatistics GetStatistics()
    {
        lock (_sync)
        {
            return new PoolStatistics(_idle.Count, _activeCount, _totalCreated);
        }
    }

    private async Task<PooledConnection> CreateConnectionAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_host, _port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var id = ++_totalCreated;
        return new PooledConnection(socket, id);
    }

    public void Dispose()
    {
        PooledConnection[] toClose;
        lock (_sync)
        {
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

public readonly record struct PoolStatistics(int Idle, int Active, int TotalCreated);

public sealed class PooledConnection : IDisposable
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(2);

    public PooledConnection(Socket socket, int id)
    {
        Socket = socket;
        Id = id;
        CreatedUtc = DateTime.UtcNow;
    }

    public Socket Socket { get; }
    public int Id { get; }
    public DateTime CreatedUtc { get; }

    public bool IsUsable => Socket.Connected && DateTime.UtcNow - CreatedUtc < MaxLifetime;

    public void Dispose() => Socket.Dispose();
}
