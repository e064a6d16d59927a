using System.Collections.Concurrent;

namespace Blind57.CanalBoats.Bookings;

public interface IBookingConnection
{
    Task<IReadOnlyList<string>> QueryAvailableBoatsAsync(DateOnly from, DateOnly to, CancellationToken ct);
}

/// <summary>
/// Fixed-size pool of connections to the bookings database shared by the whole hire website.
/// </summary>
public sealed class BookingConnectionPool
{
    private readonly ConcurrentBag<PooledBookingConnection> _idle = new();
    private readonly SemaphoreSlim _slots;
    private readonly Func<IBookingConnection> _connect;

    public BookingConnectionPool(int size, Func<IBookingConnection> connect)
    {
        _slots = new SemaphoreSlim(size, size);
        _connect = connect;
    }

    public async ValueTask<PooledBookingConnection> RentAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        if (!_idle.TryTake(out var pooled))
        {
            pooled = new PooledBookingConnection(this, _connect());
        }
        pooled.MarkRented();
        return pooled;
    }

    internal void Return(PooledBookingConnection connection)
    {
        _idle.Add(connection);
        _slots.Release();
    }
}

public sealed class PooledBookingConnection : IDisposable
{
    private readonly BookingConnectionPool _pool;
    private bool _returned;

    internal PooledBookingConnection(BookingConnectionPool pool, IBookingConnection inner)
    {
        _pool = pool;
        Inner = inner;
    }

    public IBookingConnection Inner { get; }

    internal void MarkRented() => _returned = false;

    public void Dispose()
    {
        if (_returned)
        {
            return;
        }

        _returned = true;
        _pool.Return(this);
    }
}

/// <summary>Answers "which narrowboats are free" for the availability calendar.</summary>
public sealed class AvailabilityQuery
{
    private readonly BookingConnectionPool _pool;
    private readonly TimeSpan _timeout;

    public AvailabilityQuery(BookingConnectionPool pool, TimeSpan timeout)
    {
        _pool = pool;
        _timeout = timeout;
    }

    public async Task<IReadOnlyList<string>> FreeBoatsAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var connection = await _pool.RentAsync(ct);

        // A stuck query must not hold a pool slot forever; hand the connection back after the timeout.
        using var watchdog = new Timer(_ => connection.Dispose(), null, _timeout, Timeout.InfiniteTimeSpan);
        try
        {
            return await connection.Inner.QueryAvailableBoatsAsync(from, to, ct);
        }
        finally
        {
            connection.Dispose();
        }
    }
}
