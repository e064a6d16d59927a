using System.Net.Sockets;

namespace Blind4.Http.Pooling;

/// <summary>
/// Keeps open sockets to a single endpoint so that outgoing requests can reuse them.
/// One pool exists per endpoint and every request sent to that endpoint rents from it.
/// </summary>
public sealed class EndpointConnectionPool : IDisposable
{
    private readonly object _sync = new();
    private readonly Stack<PooledConnection> _idle = new();
    private readonly string _host;
    private readonly int _port;
    private readonly int _maxIdle;
    private int _created;
    private bool _disposed;

    public EndpointConnectionPool(string host, int port, int maxIdle = 16)
    {
        _host = host;
        _port = port;
        _maxIdle = maxIdle;
    }

    public int TotalCreated
    {
        get { lock (_sync) return _created; }
    }

    public int IdleCount
    {
        get { lock (_sync) return _idle.Count; }
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
                    return candidate;
                }
                candidate.Dispose();
            }
        }

        // Nothing reusable: open a fresh socket outside the lock so other renters are not blocked.
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

        _created++;
        return new PooledConnection(client, DateTime.UtcNow);
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
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(2);
    private readonly TcpClient _client;

    public PooledConnection(TcpClient client, DateTime createdUtc)
    {
        _client = client;
        CreatedUtc = createdUtc;
    }

    public DateTime CreatedUtc { get; }

    public NetworkStream Stream => _client.GetStream();

    public bool IsUsable => _client.Connected && DateTime.UtcNow - CreatedUtc < MaxLifetime;

    public void Dispose() => _client.Dispose();
}
