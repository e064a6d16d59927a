using System.Net.Sockets;

namespace Blind10.Http.IdleConnections;

/// <summary>
/// Per-host pool of keep-alive connections. The HTTP message handler owns one pool per
/// host and rents from it for every outgoing request.
/// </summary>
public sealed class HostConnectionPool : IDisposable
{
    private readonly record struct IdleEntry(TcpClient Client, long ReturnedAtTicks);

    private readonly string _host;
    private readonly int _port;
    private readonly int _maxIdle;
    private readonly TimeSpan _idleTimeout;
    private readonly Queue<IdleEntry> _idle = new();
    private int _activeCount;
    private bool _disposed;

    public HostConnectionPool(string host, int port, int maxIdle, TimeSpan idleTimeout)
    {
        _host = host;
        _port = port;
        _maxIdle = maxIdle;
        _idleTimeout = idleTimeout;
    }

    public int ActiveCount
    {
        get { lock (_idle) { return _activeCount; } }
    }

    public async Task<TcpClient> RentAsync(CancellationToken ct)
    {
        lock (_idle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long now = Environment.TickCount64;
            while (_idle.TryDequeue(out var entry))
            {
                if (entry.Client.Connected && now - entry.ReturnedAtTicks < _idleTimeout.TotalMilliseconds)
                {
                    _activeCount++;
                    return entry.Client;
                }
                entry.Client.Dispose();
            }
            _activeCount++;
        }

        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(_host, _port, ct).ConfigureAwait(false);
            return client;
        }
        catch
        {
            client.Dispose();
            lock (_idle)
            {
                _activeCount--;
            }
            throw;
        }
    }

    public void Return(TcpClient client)
    {
        lock (_idle)
        {
            _activeCount--;
            if (!_disposed && client.Connected && _idle.Count < _maxIdle)
            {
                _idle.Enqueue(new IdleEntry(client, Environment.TickCount64));
                return;
            }
        }
        client.Dispose();
    }

    public void Dispose()
    {
        var toClose = new List<TcpClient>();
        lock (_idle)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            while (_idle.TryDequeue(out var entry))
            {
                toClose.Add(entry.Client);
            }
        }

        foreach (var client in toClose)
        {
            client.Dispose();
        }
    }
}
