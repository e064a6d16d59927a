namespace Blind44.Observatories.Dome;

/// <summary>Session with the dome rotation controller.</summary>
public sealed class DomeSession : IDisposable
{
    private int _closed;

    private DomeSession(string host) => Host = host;

    public string Host { get; }
    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    public static async Task<DomeSession> ConnectAsync(string host, CancellationToken ct)
    {
        await Task.Delay(150, ct);
        return new DomeSession(host);
    }

    public async Task<string> SendAsync(string command, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(!IsOpen, this);
        await Task.Delay(20, ct);
        return "ACK " + command;
    }

    public void Dispose() => Interlocked.Exchange(ref _closed, 1);
}

/// <summary>
/// Client for the observatory dome. Registered as a singleton and used concurrently by the
/// scheduler, the weather safety monitor and the web panel. Reconnects when the controller
/// drops the session.
/// </summary>
public sealed class DomeClient : IAsyncDisposable
{
    private readonly string _host;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private DomeSession? _session;
    private bool _disposed;

    public DomeClient(string host) => _host = host;

    private async Task<DomeSession> GetSessionAsync(CancellationToken ct)
    {
        var session = Volatile.Read(ref _session);
        if (session is { IsOpen: true })
            return session;

        await _connectGate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            session = _session;
            if (session is { IsOpen: true })
                return session;

            session?.Dispose();
            var fresh = await DomeSession.ConnectAsync(_host, ct);
            Volatile.Write(ref _session, fresh);
            return fresh;
        }
        finally
        {
            _connectGate.Release();
        }
    }

    public async Task RotateToAsync(double azimuthDegrees, CancellationToken ct)
    {
        var session = await GetSessionAsync(ct);
        await session.SendAsync(FormattableString.Invariant($"ROTATE {azimuthDegrees:F1}"), ct);
    }

    public async Task CloseShutterAsync(CancellationToken ct)
    {
        var session = await GetSessionAsync(ct);
        await session.SendAsync("SHUTTER CLOSE", ct);
    }

    public async Task<string> StatusAsync(CancellationToken ct)
    {
        var session = await GetSessionAsync(ct);
        return await session.SendAsync("STATUS", ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _connectGate.WaitAsync();
        try
        {
            _disposed = true;
            Volatile.Read(ref _session)?.Dispose();
        }
        finally
        {
            _connectGate.Release();
        }
    }
}

/// <summary>Weather safety monitor: closes the shutter when rain is detected.</summary>
public sealed class RainGuard
{
    private readonly DomeClient _dome;

    public RainGuard(DomeClient dome) => _dome = dome;

    public async Task WatchAsync(Func<bool> raining, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(ct))
        {
            if (raining())
                await _dome.CloseShutterAsync(ct);
        }
    }
}
