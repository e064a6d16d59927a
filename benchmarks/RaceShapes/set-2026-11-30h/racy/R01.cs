using System.Net.Sockets;

namespace Blind8.Net.EndpointPooling;

/// <summary>
/// Keeps idle TCP connections to a single upstream endpoint so outgoing requests
/// can reuse them instead of paying for a new handshake each time.
/// One pool instance exists per endpoint and is shared by every request that
/// targets it; Rent and Return are called from arbitrary request threads.
/// </summary>
public sealed class EndpointConnectionPool : IDisposable
{
    private readonly object _sync = new();
    private readonly Stack<PooledConnection> _idle = new();
    private readonly string _host;
    private readonly int _port;
    private readonly int _maxIdle;
    private int _totalCreated;
    private bool _disposed;

    public EndpointConnectionPool(string host, int port, int maxIdle = 16)
    {
        _host = host;
        _port = port;
        _maxIdle = maxIdle;
    }

    public PooledConnection Rent()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            while (_idle.Count > 0)
            {
                var candidate = _idle.Pop();
                if (candidate.IsUsable)
                {
                    return candidate;
                }

                candidate.Dispose();
            }
        }

        // Nothing reusable in the pool; open a fresh connection.
        return CreateConnection();
    }

    public void Return(PooledConnection connection)
    {
        lock (_sync)
        {
            if (!_disposed && connection.IsUsable && _idle.Count < _maxIdle)
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
            return new PoolStatistics(_idle.Count, _totalCreated);
        }
    }

    private PooledConnection CreateConnection()
    {
        var client = new TcpClient { NoDelay = true };
        client.Connect(_host, _port);
        _totalCreated++;
        return new PooledConnection(client, DateTime.UtcNow);
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            while (_idle.Count > 0)
            {
                _idle.Pop().Dispose();
            }
        }
    }
}

public sealed class PooledConnection : IDisposable
{
    private readonly TcpClient _client;

    public PooledConnection(TcpClient client, DateTime createdUtc)
    {
        _client = client;
        CreatedUtc = createdUtc;
    }

    public DateTime CreatedUtc { get; }

    public NetworkStream Stream => _client.GetStream();

    public bool IsUsable => _client.Connected && DateTime.UtcNow - CreatedUtc < TimeSpan.FromMinutes(2);

    public void Dispose() => _client.Dispose();
}

public readonly record struct PoolStatistics(int Idle, int TotalCreated);
