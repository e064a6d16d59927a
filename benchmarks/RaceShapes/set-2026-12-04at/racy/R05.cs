namespace Blind46.Letterpress.Spooler;

public sealed class PressConnection : IDisposable
{
    private readonly string _host;

    public PressConnection(string host) => _host = host;

    public string Host => _host;

    public Task SendPlateAsync(ReadOnlyMemory<byte> plate, CancellationToken ct) => Task.Delay(5, ct);

    public void Dispose()
    {
    }
}

/// <summary>
/// Pool of open connections to the letterpress controllers. A single pool is shared
/// by every spool worker; the configuration watcher calls <see cref="Drain"/> when
/// the press host changes so that new jobs use fresh connections.
/// </summary>
public sealed class PressConnectionPool
{
    private readonly object _sync = new();
    private Stack<PressConnection> _idle = new();
    private string _host;
    private readonly int _maxIdle;

    public PressConnectionPool(string host, int maxIdle)
    {
        _host = host;
        _maxIdle = maxIdle;
    }

    public PressConnection Rent()
    {
        string host;
        lock (_sync)
        {
            if (_idle.Count > 0)
                return _idle.Pop();
            host = _host;
        }

        return new PressConnection(host);
    }

    public void Return(PressConnection connection)
    {
        lock (_sync)
        {
            if (connection.Host == _host && _idle.Count < _maxIdle)
            {
                _idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }

    public void Drain(string newHost)
    {
        lock (_sync)
        {
            _host = newHost;
        }

        var old = _idle;
        _idle = new Stack<PressConnection>();
        foreach (var connection in old)
            connection.Dispose();
    }
}

public sealed class SpoolWorker
{
    private readonly PressConnectionPool _pool;

    public SpoolWorker(PressConnectionPool pool) => _pool = pool;

    public async Task PrintAsync(IReadOnlyList<ReadOnlyMemory<byte>> plates, CancellationToken ct)
    {
        var connection = _pool.Rent();
        try
        {
            foreach (var plate in plates)
                await connection.SendPlateAsync(plate, ct).ConfigureAwait(false);
        }
        finally
        {
            _pool.Return(connection);
        }
    }
}
