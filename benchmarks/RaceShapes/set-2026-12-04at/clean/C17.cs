using System.Collections.Immutable;

namespace Blind46.Circus.FeatureFlags;

public sealed class FlagSnapshot
{
    public static readonly FlagSnapshot Empty = new(ImmutableDictionary<string, bool>.Empty, 0);

    public FlagSnapshot(ImmutableDictionary<string, bool> flags, long version)
    {
        Flags = flags;
        Version = version;
    }

    public ImmutableDictionary<string, bool> Flags { get; }
    public long Version { get; }
}

public interface IFlagServer
{
    Task<(long Version, IReadOnlyDictionary<string, bool> Flags)> FetchAsync(long knownVersion, CancellationToken ct);
}

/// <summary>
/// Feature-flag client used across the touring circus's logistics apps (route planner,
/// load sheets, ticket scanners). Registered as a singleton; <see cref="IsEnabled"/>
/// is called from every request while a background loop polls the flag server.
/// </summary>
public sealed class TourFlagClient : IAsyncDisposable
{
    private readonly IFlagServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pollLoop;
    private FlagSnapshot _current = FlagSnapshot.Empty;

    public TourFlagClient(IFlagServer server, TimeSpan interval)
    {
        _server = server;
        _pollLoop = Task.Run(() => PollAsync(interval, _stop.Token));
    }

    public event Action<long>? Updated;

    public bool IsEnabled(string flag, bool defaultValue = false) =>
        Volatile.Read(ref _current).Flags.TryGetValue(flag, out var on) ? on : defaultValue;

    public long Version => Volatile.Read(ref _current).Version;

    private async Task PollAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                var known = Volatile.Read(ref _current);
                var (version, flags) = await _server.FetchAsync(known.Version, ct).ConfigureAwait(false);
                if (version != known.Version)
                {
                    var next = new FlagSnapshot(flags.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase), version);
                    Volatile.Write(ref _current, next);
                    Volatile.Read(ref Updated)?.Invoke(version);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                // keep serving the last known flags
            }
        }
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await _pollLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
