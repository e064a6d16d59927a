using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.DogSled.Telemetry;

public interface IBaseStationConnection : IAsyncDisposable
{
    bool IsOpen { get; }
    Task<string> FetchCollarPositionsAsync(int bib, CancellationToken ct);
}

/// <summary>
/// Pool of connections to the GPS-collar base stations along the trail.
/// Registered as a singleton; the tracking map and the checkpoint apps borrow
/// connections concurrently.
/// </summary>
public sealed class BaseStationPool : IAsyncDisposable
{
    private readonly ConcurrentQueue<IBaseStationConnection> _idle = new();
    private readonly SemaphoreSlim _slots;
    private readonly Func<CancellationToken, Task<IBaseStationConnection>> _connect;

    public BaseStationPool(Func<CancellationToken, Task<IBaseStationConnection>> connect, int maxConnections)
    {
        _connect = connect;
        _slots = new SemaphoreSlim(maxConnections, maxConnections);
    }

    public async Task<Lease> AcquireAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (_idle.TryDequeue(out var candidate))
            {
                if (candidate.IsOpen)
                {
                    return new Lease(this, candidate);
                }

                await candidate.DisposeAsync().ConfigureAwait(false);
            }

            var fresh = await _connect(ct).ConfigureAwait(false);
            return new Lease(this, fresh);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    private void Return(IBaseStationConnection connection)
    {
        if (connection.IsOpen)
        {
            _idle.Enqueue(connection);
        }
        else
        {
            _ = connection.DisposeAsync().AsTask();
        }

        _slots.Release();
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryDequeue(out var connection))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public sealed class Lease : IDisposable
    {
        private readonly BaseStationPool _pool;
        private int _returned;

        internal Lease(BaseStationPool pool, IBaseStationConnection connection)
        {
            _pool = pool;
            Connection = connection;
        }

        public IBaseStationConnection Connection { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
            {
                _pool.Return(Connection);
            }
        }
    }
}

/// <summary>
/// Serves collar positions to the live tracking map.
/// </summary>
public sealed class TrailTrackingService
{
    private readonly BaseStationPool _pool;

    public TrailTrackingService(BaseStationPool pool) => _pool = pool;

    public async Task<string> PositionsForAsync(int bib, CancellationToken ct)
    {
        using var lease = await _pool.AcquireAsync(ct).ConfigureAwait(false);
        return await lease.Connection.FetchCollarPositionsAsync(bib, ct).ConfigureAwait(false);
    }
}
