using System.Collections.Concurrent;

namespace Blind57.Farriers.Appointments;

public interface IForgeConnection
{
    Task<IReadOnlyList<string>> QueryVisitsAsync(string yard, DateOnly day, CancellationToken ct);

    /// <summary>Breaks any running command and closes the socket; callable from any thread.</summary>
    void Abort();
}

/// <summary>Pool of database connections for the farriers' appointment book, shared by the whole app.</summary>
public sealed class ForgeConnectionPool
{
    private readonly ConcurrentBag<IForgeConnection> _idle = new();
    private readonly SemaphoreSlim _slots;
    private readonly Func<IForgeConnection> _open;

    public ForgeConnectionPool(int size, Func<IForgeConnection> open)
    {
        _slots = new SemaphoreSlim(size, size);
        _open = open;
    }

    public async Task<ConnectionLease> RentAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        var connection = _idle.TryTake(out var idle) ? idle : _open();
        return new ConnectionLease(this, connection);
    }

    internal void Release(IForgeConnection connection, bool reusable)
    {
        if (reusable) _idle.Add(connection);
        else connection.Abort();
        _slots.Release();
    }
}

/// <summary>One borrowing of a pooled connection. Ending it more than once has no further effect.</summary>
public sealed class ConnectionLease : IDisposable
{
    private readonly ForgeConnectionPool _pool;
    private int _ended;

    internal ConnectionLease(ForgeConnectionPool pool, IForgeConnection connection)
    {
        _pool = pool;
        Connection = connection;
    }

    public IForgeConnection Connection { get; }

    /// <summary>Gives up on the connection: it is closed rather than reused.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0) _pool.Release(Connection, reusable: false);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0) _pool.Release(Connection, reusable: true);
    }
}

/// <summary>Loads a farrier's visits for the day, abandoning the connection if the database stalls.</summary>
public sealed class DayBookQuery
{
    private readonly ForgeConnectionPool _pool;
    private readonly TimeSpan _timeout;

    public DayBookQuery(ForgeConnectionPool pool, TimeSpan timeout)
    {
        _pool = pool;
        _timeout = timeout;
    }

    public async Task<IReadOnlyList<string>?> VisitsAsync(string yard, DateOnly day, CancellationToken ct)
    {
        using var lease = await _pool.RentAsync(ct);
        var query = lease.Connection.QueryVisitsAsync(yard, day, ct);
        var finished = await Task.WhenAny(query, Task.Delay(_timeout, ct));
        if (finished != query)
        {
            lease.Abort();
            _ = query.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            return null;
        }
        return await query;
    }
}
