using System.Net.Sockets;

namespace Blind10.Http.ConnectionPooling;

/// <summary>
/// Keeps idle TCP connections to a single origin so that HTTP/1.1 requests can reuse them.
/// One pool exists per origin and every request targeting that origin goes through it.
/// </summary>
public sealed class OriginConnectionPool : IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly int _maxIdle;
    private readonly Stack<PooledConnection> _idle = new();
    private readonly object _sync = new();
    private int _leased;
    private bool _disposed;

    public OriginConnectionPool(string host, int port, int maxIdle = 8)
    {
        _host = host;
        _port = port;
        _maxIdle = maxIdle;
    }

    public int LeasedCount
    {
        get { lock (_sync) { return _leased; } }
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
                    _leased++;
                    return candidate;
                }
                candidate.Close();
            }
            _leased++;
        }

        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(_host, _port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_sync) { _leased--; }
            client.Dispose();
            throw;
        }
        return new PooledConnection(client, this);
    }

    internal void Return(PooledConnection connection)
    {
        bool disposed;
        lock (_sync)
        {
            _leased--;
            disposed = _disposed;
        }

        if (!disposed && connection.IsUsable)
        {
            lock (_idle)
            {
                if (_idle.Count < _maxIdle)
                {
                    _idle.Push(connection);
                    return;
                }
            }
        }
        connection.Close();
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed) return;
            _disposed = true;
            while (_idle.Count > 0)
            {
                _idle.Pop().Close();
            }
        }
    }
}

public sealed class PooledConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly OriginConnectionPool _owner;

    internal PooledConnection(TcpClient client, OriginConnectionPool owner)
    {
        _client = client;
        _owner = owner;
    }

    public NetworkStream Stream => _client.GetStream();

    internal bool IsUsable => _client.Connected;

    internal void Close() => _client.Dispose();

    /// <summary>Hands the connection back to the pool it came from.</summary>
    public void Dispose() => _owner.Return(this);
}
