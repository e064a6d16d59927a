using System.Net.Sockets;

namespace Contoso.Http.Connections;

/// <summary>
/// Bounded pool of keep-alive connections for one origin. Shared by all requests that
/// go to the origin; Rent and Return are called from many threads.
/// </summary>
public sealed class OriginConnectionPool : IDisposable
{
    private readonly object _sync = new();
    private readonly Queue<OriginConnection> _idle = new();
    private readonly string _host;
    private readonly int _port;
    private readonly int _maxConnections;
    private int _openCount;
    private bool _disposed;

    public OriginConnectionPool(string host, int port, int maxConnections)
    {
        _host = host;
        _port = port;
        _maxConnections = maxConnections;
    }

    public int OpenConnections
    {
        get { lock (_sync) return _openCount; }
    }

    public async ValueTask<OriginConnection> RentAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            while (_idle.TryDequeue(out var candidate))
            {
                if (candidate.IsUsable)
                    return candidate;

                candidate.Dispose();
                _openCount--;
            }

            if (_openCount >= _maxConnections)
                throw new InvalidOperationException($"Connection limit of {_maxConnections} reached for {_host}:{_port}.");

            // reserve the slot now; the connect happens outside the lock
            _openCount++;
        }

        try
        {
            return await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_sync)
            {
                _openCount--;
            }
            throw;
        }
    }

    public void Return(OriginConnection connection)
    {
        lock (_sync)
        {
            if (!_disposed && connection.IsUsable)
            {
                _idle.Enqueue(connection);
                return;
            }

            _openCount--;
        }

        connection.Dispose();
    }

    private async ValueTask<OriginConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(_host, _port, cancellationToken).ConfigureAwait(false);
            return new OriginConnection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        List<OriginConnection> toClose;
        lock (_sync)
        {
            _disposed = true;
            toClose = _idle.ToList();
            _idle.Clear();
            _openCount -= toClose.Count;
        }

        foreach (var connection in toClose)
            connection.Dispose();
    }
}

public sealed class OriginConnection : IDisposable
{
    private readonly TcpClient _client;

    public OriginConnection(TcpClient client) => _client = client;

    public bool IsUsable => _client.Connected;

    public NetworkStream GetStream() => _client.GetStream();

    public void Dispose() => _client.Dispose();
}
