namespace Blind40.HarbourPilots.Dispatch;

public sealed record BoardingRequest(string VesselName, string Berth, DateTimeOffset EtaUtc);

public sealed record BoardingConfirmation(string PilotName, DateTimeOffset BoardAtUtc);

/// <summary>A long-lived, multiplexed connection to the harbour master's dispatch service.</summary>
public sealed class DispatchConnection : IAsyncDisposable
{
    private volatile bool _open = true;

    public bool IsOpen => _open;

    public async Task<BoardingConfirmation> SendAsync(BoardingRequest request, CancellationToken ct)
    {
        await Task.Delay(20, ct).ConfigureAwait(false);
        return new BoardingConfirmation("duty pilot", request.EtaUtc.AddMinutes(-45));
    }

    public ValueTask DisposeAsync()
    {
        _open = false;
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Client used by the vessel-traffic web app to book pilots. One instance is
/// registered for the whole process and shared by all request handlers, which
/// all send over the same underlying connection.
/// </summary>
public sealed class PilotDispatchClient : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<DispatchConnection>> _connect;
    private DispatchConnection? _connection;
    private int _connectAttempts;

    public PilotDispatchClient(Func<CancellationToken, Task<DispatchConnection>> connect)
    {
        _connect = connect;
    }

    public int ConnectAttempts => Volatile.Read(ref _connectAttempts);

    public async Task<BoardingConfirmation> RequestPilotAsync(BoardingRequest request, CancellationToken ct)
    {
        var connection = await GetConnectionAsync(ct).ConfigureAwait(false);
        return await connection.SendAsync(request, ct).ConfigureAwait(false);
    }

    private async Task<DispatchConnection> GetConnectionAsync(CancellationToken ct)
    {
        var existing = _connection;
        if (existing is { IsOpen: true })
        {
            return existing;
        }

        Interlocked.Increment(ref _connectAttempts);
        var fresh = await _connect(ct).ConfigureAwait(false);
        _connection = fresh;
        return fresh;
    }

    public async ValueTask DisposeAsync()
    {
        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
