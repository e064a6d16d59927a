namespace Blind40.HarbourPilots.Tides;

public sealed record TideQuery(string Station, DateTimeOffset From, DateTimeOffset To);

public sealed record TideTable(string Station, IReadOnlyList<(DateTimeOffset At, double HeightM)> Points);

public sealed class TideServiceConnection : IAsyncDisposable
{
    private volatile bool _open = true;

    public bool IsOpen => _open;

    public async Task<TideTable> QueryAsync(TideQuery query, CancellationToken ct)
    {
        await Task.Delay(10, ct).ConfigureAwait(false);
        return new TideTable(query.Station, Array.Empty<(DateTimeOffset, double)>());
    }

    public ValueTask DisposeAsync()
    {
        _open = false;
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Shared client to the hydrographic office's tide service, used by the pilot
/// scheduling app to check under-keel clearance. Registered as a singleton;
/// all request handlers share one connection, which is re-established when it drops.
/// </summary>
public sealed class TideServiceClient : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<TideServiceConnection>> _connect;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private TideServiceConnection? _connection;
    private bool _disposed;

    public TideServiceClient(Func<CancellationToken, Task<TideServiceConnection>> connect)
    {
        _connect = connect;
    }

    public async Task<TideTable> GetTidesAsync(TideQuery query, CancellationToken ct)
    {
        var connection = await GetConnectionAsync(ct).ConfigureAwait(false);
        return await connection.QueryAsync(query, ct).ConfigureAwait(false);
    }

    private async ValueTask<TideServiceConnection> GetConnectionAsync(CancellationToken ct)
    {
        var current = Volatile.Read(ref _connection);
        if (current is { IsOpen: true })
        {
            return current;
        }

        await _connectGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            current = Volatile.Read(ref _connection);
            if (current is { IsOpen: true })
            {
                return current;
            }

            if (current is not null)
            {
                await current.DisposeAsync().ConfigureAwait(false);
            }

            var fresh = await _connect(ct).ConfigureAwait(false);
            Volatile.Write(ref _connection, fresh);
            return fresh;
        }
        finally
        {
            _connectGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connectGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            var connection = Interlocked.Exchange(ref _connection, null);
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _connectGate.Release();
        }
    }
}
