using System.Collections.Concurrent;

namespace RadioTelescopes.Backend;

/// <summary>Control connection to one receiver cabin on the array.</summary>
public sealed class ReceiverConnection
{
    private static int _nextId;
    private int _healthy = 1;

    public ReceiverConnection(string endpoint)
    {
        Endpoint = endpoint;
        Id = Interlocked.Increment(ref _nextId);
    }

    public int Id { get; }
    public string Endpoint { get; }
    public bool IsHealthy => Volatile.Read(ref _healthy) == 1;

    internal void SetHealth(bool ok) => Volatile.Write(ref _healthy, ok ? 1 : 0);
}

/// <summary>
/// Pool of receiver control connections shared by the observation scheduler and the
/// operator API. A background probe marks connections unhealthy; renters skip those.
/// </summary>
public sealed class ReceiverPool : IAsyncDisposable
{
    private readonly string _endpoint;
    private readonly Func<string, CancellationToken, Task<bool>> _ping;
    private readonly ConcurrentQueue<ReceiverConnection> _idle = new();
    private readonly ConcurrentDictionary<int, ReceiverConnection> _all = new();
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _healthLoop;
    private int _disposed;

    public ReceiverPool(string endpoint, int size, Func<string, CancellationToken, Task<bool>> ping)
    {
        _endpoint = endpoint;
        _ping = ping;
        _slots = new SemaphoreSlim(size, size);
        _healthLoop = Task.Run(() => ProbeLoopAsync(_stop.Token));
    }

    public async Task<ReceiverConnection> RentAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        while (_idle.TryDequeue(out var conn))
        {
            if (conn.IsHealthy)
            {
                return conn;
            }
            _all.TryRemove(conn.Id, out _);
        }

        var fresh = new ReceiverConnection(_endpoint);
        _all[fresh.Id] = fresh;
        return fresh;
    }

    public void Return(ReceiverConnection conn)
    {
        if (Volatile.Read(ref _disposed) == 0 && conn.IsHealthy)
        {
            _idle.Enqueue(conn);
        }
        else
        {
            _all.TryRemove(conn.Id, out _);
        }
        _slots.Release();
    }

    public int HealthyCount => _all.Values.Count(c => c.IsHealthy);

    private async Task ProbeLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                foreach (var conn in _all.Values)
                {
                    bool ok;
                    try
                    {
                        ok = await _ping(conn.Endpoint, ct).ConfigureAwait(false);
                    }
                    catch (Exception) when (!ct.IsCancellationRequested)
                    {
                        ok = false;
                    }
                    conn.SetHealth(ok);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _stop.Cancel();
        await _healthLoop.ConfigureAwait(false);
        _stop.Dispose();
        _idle.Clear();
        _all.Clear();
    }
}
