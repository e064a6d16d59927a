using System.Collections.Immutable;

namespace Blind42.Falconry.HawkFlags;

/// <summary>
/// Feature flags for the hawk-walk booking site, fetched from the flag service on a timer.
/// Registered as an app-wide singleton; <see cref="IsEnabled"/> is called from every request.
/// </summary>
public sealed class HawkWalkFlagClient : IDisposable
{
    private readonly Func<CancellationToken, Task<IReadOnlyDictionary<string, bool>>> _fetch;
    private readonly Timer _timer;
    private ImmutableDictionary<string, bool> _flags =
        ImmutableDictionary<string, bool>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);
    private long _lastRefreshTicks;
    private int _refreshInProgress;
    private int _consecutiveFailures;

    public HawkWalkFlagClient(
        Func<CancellationToken, Task<IReadOnlyDictionary<string, bool>>> fetch,
        TimeSpan interval)
    {
        _fetch = fetch;
        _timer = new Timer(_ => _ = RefreshAsync(), null, TimeSpan.Zero, interval);
    }

    public bool IsEnabled(string flag, bool defaultValue = false)
    {
        var flags = Volatile.Read(ref _flags);
        return flags.TryGetValue(flag, out var value) ? value : defaultValue;
    }

    public IReadOnlyDictionary<string, bool> AllFlags => Volatile.Read(ref _flags);

    public DateTime LastRefreshUtc => new(Interlocked.Read(ref _lastRefreshTicks), DateTimeKind.Utc);

    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    private async Task RefreshAsync()
    {
        if (Interlocked.CompareExchange(ref _refreshInProgress, 1, 0) != 0)
        {
            return;
        }

        try
        {
            var latest = await _fetch(CancellationToken.None).ConfigureAwait(false);
            var next = latest.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);
            Volatile.Write(ref _flags, next);
            Interlocked.Exchange(ref _lastRefreshTicks, DateTime.UtcNow.Ticks);
            Interlocked.Exchange(ref _consecutiveFailures, 0);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _consecutiveFailures);
        }
        finally
        {
            Volatile.Write(ref _refreshInProgress, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>Chooses which experience pages to show on the booking site.</summary>
public sealed class ExperienceMenu
{
    private readonly HawkWalkFlagClient _flags;

    public ExperienceMenu(HawkWalkFlagClient flags) => _flags = flags;

    public IReadOnlyList<string> VisibleExperiences()
    {
        var items = new List<string> { "Hawk walk", "Owl encounter" };
        if (_flags.IsEnabled("eagle-day"))
        {
            items.Add("Golden eagle day");
        }
        if (_flags.IsEnabled("kids-falconry", defaultValue: true))
        {
            items.Add("Young falconer taster");
        }
        return items;
    }
}
