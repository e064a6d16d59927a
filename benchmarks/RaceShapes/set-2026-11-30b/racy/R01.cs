using System.Net.Sockets;

namespace Blind2.R01;

/// <summary>
/// Keeps a small set of open TCP connections to one backend endpoint so that
/// callers do not pay for a handshake on every message. One pool instance is
/// shared by every sender that talks to the endpoint.
/// </summary>
public sealed class EndpointConnectionPool : IAsyncDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly int _maxIdle;
    private readonly object _sync = new();
    private readonly Stack<PooledConnection> _idle = new();
    private int _created;

    public EndpointConnectionPool(string host, int port, int maxIdle = 8)
    {
        _host = host;
        _port = port;
        _maxIdle = maxIdle;
    }

    public int CreatedCount => Volatile.Read(ref _created);

    public async ValueTask<PooledConnection> RentAsync(CancellationToken ct)
    {
        lock (_sync)
        {
            while (_idle.Count > 0)
            {
                var candidate = _idle.Pop();
                if (candidate.IsUsable)
                    return candidate;
                candidate.Dispose();
            }
        }

        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(_host, _port, ct).ConfigureAwait(false);
        Interlocked.Increment(ref _created);
        return new PooledConnection(this, client);
    }

    internal void Return(PooledConnection connection)
    {
        if (!connection.IsUsable || _idle.Count >= _maxIdle)
        {
            connection.Dispose();
            return;
        }

        _idle.Push(connection);
    }

    public ValueTask DisposeAsync()
    {
        lock (_sync)
        {
            while (_idle.Count > 0)
                _idle.Pop().Dispose();
        }
        return ValueTask.CompletedTask;
    }
}

public sealed class PooledConnection : IDisposable
{
    private readonly EndpointConnectionPool _owner;

    internal PooledConnection(EndpointConnectionPool owner, TcpClient client)
    {
        _owner = owner;
        Client = client;
    }

    public TcpClient Client { get; }

    public bool IsUsable => Client.Connected;

    public NetworkStream Stream => Client.GetStream();

    public void Release() => _owner.Return(this);

    public void Dispose() => Client.Dispose();
}

/// <summary>Pushes a batch of pre-serialized frames to the backend.</summary>
public sealed class BatchSender
{
    private readonly EndpointConnectionPool _pool;

    public BatchSender(EndpointConnectionPool pool) => _pool = pool;

    public Task SendAllAsync(IEnumerable<byte[]> frames, CancellationToken ct)
        => Task.WhenAll(frames.Select(frame => SendOneAsync(frame, ct)));

    private async Task SendOneAsync(byte[] frame, CancellationToken ct)
    {
        var connection = await _pool.RentAsync(ct).ConfigureAwait(false);
        try
        {
            var stream = connection.Stream;
            await stream.WriteAsync(frame, ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            connection.Release();
        }
    }
}
