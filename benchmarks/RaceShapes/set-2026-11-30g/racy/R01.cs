using System.Net.Sockets;

namespace Contoso.Http.Pooling;

/// <summary>
/// Keeps a bounded set of reusable TCP connections to a single endpoint.
/// One pool instance is shared by every request that targets the endpoint,
/// so Rent and Return are called from many threads at once.
/// </summary>
public sealed class EndpointConnectionPool : IDisposable
{
    private readonly object _sync = new();
    private readonly Stack<PooledConnection> _idle = new();
    private readonly string _host;
    private readonly int _port;
    private readonly int _maxConnections;
    private int _openCount;
    private bool _disposed;

    public EndpointConnectionPool(string host, int port, int maxConnections)
    {
        _host = host;
        _port = port;
        _maxConnections = maxConnections;
    }

    public int OpenConnections
    {
        get { lock (_sync) return _openCount; }
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
                    return candidate;

                candidate.Dispose();
                _openCount--;
            }

            if (_openCount >= _maxConnections)
                throw new InvalidOperationException($"Connection limit of {_maxConnections} reached for {_host}:{_port}.");
        }

        return await CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Return(PooledConnection connection)
    {
        lock (_sync)
        {
            if (!_disposed && connection.IsUsable)
            {
                connection.LastUsedUtc = DateTime.UtcNow;
                _idle.Push(connection);
                return;
            }

            _openCount--;
        }

        connection.Dispose();
    }

    /// <summary>Closes connections that have been idle longer than <paramref name="maxIdle"/>.</summary>
    public void TrimIdle(TimeSpan maxIdle)
    {
        var cutoff = DateTime.UtcNow - maxIdle;
        lock (_sync)
        {
            var keep = _idle.Where(c => c.LastUsedUtc >= cutoff).Reverse().ToList();
            foreach (var stale in _idle.Where(c => c.LastUsedUtc < cutoff))
            {
                stale.Dispose();
                _openCount--;
            }

            _idle.Clear();
            foreach (var c in keep)
                _idle.Push(c);
        }
    }

    private async ValueTask<PooledConnection> CreateConnectionAsync(CancellationToken cancellationToken)
    {
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

        _openCount++;
        return new PooledConnection(client);
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
            while (_idle.Count > 0)
            {
                _idle.Pop().Dispose();
                _openCount--;
            }
        }
    }
}

public sealed class PooledConnection : IDisposable
{
    private readonly TcpClient _client;

    public PooledConnection(TcpClient client) => _client = client;

    public DateTime LastUsedUtc { get; set; }

    public bool IsUsable => _client.Connected;

    public NetworkStream GetStream() => _client.GetStream();

    public void Dispose() => _client.Dispose();
}
