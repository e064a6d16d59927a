using System.Net.Sockets;

namespace Blind2.C01;

/// <summary>
/// Keeps a bounded set of idle TCP connections to a cache server so that
/// request handlers can reuse them. One pool per server, shared by all callers.
/// </summary>
public sealed class CacheServerConnectionPool : IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly int _maxIdle;
    private readonly object _sync = new();
    private readonly Stack<PooledSocket> _idle = new();
    private bool _disposed;
    private int _opened;

    public CacheServerConnectionPool(string host, int port, int maxIdle = 16)
    {
        _host = host;
        _port = port;
        _maxIdle = maxIdle;
    }

    public int OpenedCount => Volatile.Read(ref _opened);

    public async Task<PooledSocket> RentAsync(CancellationToken ct)
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            while (_idle.TryPop(out var candidate))
            {
                if (candidate.IsHealthy)
                    return candidate;
                candidate.Dispose();
            }
        }

        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(_host, _port, ct).ConfigureAwait(false);
        Interlocked.Increment(ref _opened);
        return new PooledSocket(this, client);
    }

    internal void Return(PooledSocket socket)
    {
        bool keep;
        lock (_sync)
        {
            keep = !_disposed && socket.IsHealthy && _idle.Count < _maxIdle;
            if (keep)
                _idle.Push(socket);
        }

        if (!keep)
            socket.Dispose();
    }

    public void Dispose()
    {
        PooledSocket[] toClose;
        lock (_sync)
        {
            _disposed = true;
            toClose = _idle.ToArray();
            _idle.Clear();
        }

        foreach (var socket in toClose)
            socket.Dispose();
    }
}

public sealed class PooledSocket : IDisposable
{
    private readonly CacheServerConnectionPool _owner;
    private readonly TcpClient _client;

    internal PooledSocket(CacheServerConnectionPool owner, TcpClient client)
    {
        _owner = owner;
        _client = client;
    }

    public bool IsHealthy => _client.Connected;

    public NetworkStream Stream => _client.GetStream();

    public void Release() => _owner.Return(this);

    public void Dispose() => _client.Dispose();
}

public sealed class CacheClient
{
    private readonly CacheServerConnectionPool _pool;

    public CacheClient(CacheServerConnectionPool pool) => _pool = pool;

    public Task SetManyAsync(IEnumerable<byte[]> commands, CancellationToken ct)
        => Task.WhenAll(commands.Select(c => SendAsync(c, ct)));

    private async Task SendAsync(byte[] command, CancellationToken ct)
    {
        var socket = await _pool.RentAsync(ct).ConfigureAwait(false);
        try
        {
            await socket.Stream.WriteAsync(command, ct).ConfigureAwait(false);
        }
        finally
        {
            socket.Release();
        }
    }
}
