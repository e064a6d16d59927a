namespace Blind44.Observatories.Mount;

/// <summary>TCP session with a telescope mount controller.</summary>
public sealed class MountConnection : IDisposable
{
    private volatile bool _open = true;

    private MountConnection(string host) => Host = host;

    public string Host { get; }
    public bool IsOpen => _open;

    public static async Task<MountConnection> OpenAsync(string host, CancellationToken ct)
    {
        await Task.Delay(200, ct); // handshake with the controller
        return new MountConnection(host);
    }

    public Task<string> SendAsync(string command, CancellationToken ct) =>
        Task.FromResult(IsOpen ? $"OK {command}" : throw new ObjectDisposedException(nameof(MountConnection)));

    public void Dispose() => _open = false;
}

/// <summary>
/// Client for the dome's telescope mount. Registered as a singleton; the observing scheduler,
/// the guiding loop and the web control panel all send commands through it concurrently.
/// The controller drops idle sessions, so the client reconnects on demand.
/// </summary>
public sealed class MountClient : IDisposable
{
    private readonly string _host;
    private MountConnection? _connection;

    public MountClient(string host) => _host = host;

    private async Task<MountConnection> EnsureConnectedAsync(CancellationToken ct)
    {
        var current = _connection;
        if (current is { IsOpen: true })
            return current;

        current?.Dispose();
        var fresh = await MountConnection.OpenAsync(_host, ct);
        _connection = fresh;
        return fresh;
    }

    public async Task SlewAsync(double raHours, double decDegrees, CancellationToken ct)
    {
        var conn = await EnsureConnectedAsync(ct);
        await conn.SendAsync(FormattableString.Invariant($"SLEW {raHours:F5} {decDegrees:F4}"), ct);
    }

    public async Task GuideAsync(char direction, int milliseconds, CancellationToken ct)
    {
        var conn = await EnsureConnectedAsync(ct);
        await conn.SendAsync($"GUIDE {direction} {milliseconds}", ct);
    }

    public async Task<string> StatusAsync(CancellationToken ct)
    {
        var conn = await EnsureConnectedAsync(ct);
        return await conn.SendAsync("STATUS", ct);
    }

    public void Dispose() => _connection?.Dispose();
}

/// <summary>Autoguider loop that nudges the mount every couple of seconds.</summary>
public sealed class Autoguider
{
    private readonly MountClient _mount;

    public Autoguider(MountClient mount) => _mount = mount;

    public async Task RunAsync(Func<(char Dir, int Ms)?> measure, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (measure() is { } correction)
                await _mount.GuideAsync(correction.Dir, correction.Ms, ct);
            await Task.Delay(2000, ct);
        }
    }
}
