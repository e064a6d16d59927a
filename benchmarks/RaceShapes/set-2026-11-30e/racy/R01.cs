using System.Net.Sockets;

namespace Acme.Http.Pooling;

/// <summary>
/// Keeps idle TCP connections to a single endpoint so that requests can reuse them
/// instead of paying for a new handshake every time. One pool exists per endpoint and
/// it is shared by every request that targets that endpoint.
/// </summary>
public sealed class EndpointConnectionPool : IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly int _maxIdle;
    private readonly Stack<PooledConnection> _idle = new();
    private readonly object _gate = new();
    private int _created;

    public EndpointConnectionPool(string host, int port, int maxIdle = 16)
    {
        _host = host;
        _port = port;
        _maxIdle = maxIdle;
    }

    public int IdleCount
    {
        get { lock (_gate) return _idle.Count; }
    }

    public int CreatedCount
    {
        get { lock (_gate) return _created; }
    }

    public async ValueTask<PooledConnection> RentAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            while (_idle.Count > 0)
            {
                var candidate = _idle.Pop();
                if (candidate.IsUsable)
                {
                    return candidate;
                }

                candidate.Dispose();
            }

            _created++;
        }

        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(_host, _port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new PooledConnection(this, client);
    }

    internal void Return(PooledConnection connection)
    {
        if (!connection.IsUsable)
        {
            connection.Dispose();
            return;
        }

        lock (_idle)
        {
            if (_idle.Count < _maxIdle)
            {
                _idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            while (_idle.Count > 0)
            {
                _idle.Pop().Dispose();
            }
        }
    }
}

/// <summary>
/// A connection handed out by <see cref="EndpointConnectionPool"/>. Owned by one request at a time.
/// </summary>
public sealed class PooledConnection : IDisposable
{
    private readonly EndpointConnectionPool _owner;
    private readonly TcpClient _client;

    internal PooledConnection(EndpointConnectionPool owner, TcpClient client)
    {
        _owner = owner;
        _client = client;
    }

    public NetworkStream Stream => _client.GetStream();

    public bool IsUsable => _client.Connected;

    /// <summary>Gives the connection back to the pool once the response has been fully read.</summary>
    public void Release() => _owner.Return(this);

    public void Dispose() => _client.Dispose();
}
