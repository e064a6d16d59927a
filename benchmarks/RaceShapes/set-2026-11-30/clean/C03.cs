using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Blind.C03;

/// <summary>
/// Small pool of TCP connections to a single host.
/// </summary>
public sealed class HostConnectionPool : IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly int _maxIdle;
    private readonly Stack<TcpClient> _idle = new();
    private readonly object _sync = new();

    public HostConnectionPool(string host, int port, int maxIdle)
    {
        _host = host;
        _port = port;
        _maxIdle = maxIdle;
    }

    public async Task<TcpClient> RentAsync(CancellationToken ct)
    {
        lock (_sync)
        {
            while (_idle.Count > 0)
            {
                var candidate = _idle.Pop();
                if (candidate.Connected)
                {
                    return candidate;
                }
                candidate.Dispose();
            }
        }

        var client = new TcpClient();
        await client.ConnectAsync(_host, _port, ct).ConfigureAwait(false);
        return client;
    }

    public void Return(TcpClient client)
    {
        lock (_sync)
        {
            if (_idle.Count < _maxIdle && client.Connected)
            {
                _idle.Push(client);
                return;
            }
        }
        client.Dispose();
    }

    public void Dispose()
    {
        lock (_sync)
        {
            while (_idle.Count > 0)
            {
                _idle.Pop().Dispose();
            }
        }
    }
}

/// <summary>
/// Hands out one pool per host/port pair. Shared by every outgoing request.
/// </summary>
public sealed class ConnectionPoolRegistry : IDisposable
{
    private readonly ConcurrentDictionary<(string Host, int Port), Lazy<HostConnectionPool>> _pools = new();
    private readonly int _maxIdlePerHost;

    public ConnectionPoolRegistry(int maxIdlePerHost = 16) => _maxIdlePerHost = maxIdlePerHost;

    public HostConnectionPool GetPool(string host, int port)
    {
        var lazy = _pools.GetOrAdd(
            (host.ToLowerInvariant(), port),
            key => new Lazy<HostConnectionPool>(() => new HostConnectionPool(key.Host, key.Port, _maxIdlePerHost)));
        return lazy.Value;
    }

    public void Dispose()
    {
        foreach (var lazy in _pools.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }
    }
}
