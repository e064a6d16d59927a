namespace Blind42.Falconry.Flags;

/// <summary>
/// Polls the mews management service for feature flags and keeps a local copy so that
/// flag checks never leave the process. Registered as an app-wide singleton; <see cref="IsEnabled"/>
/// is called on every request that touches the flight scheduler.
/// </summary>
public sealed class MewsFeatureFlagClient : IDisposable
{
    private readonly Func<CancellationToken, Task<IReadOnlyDictionary<string, bool>>> _fetch;
    private readonly Dictionary<string, bool> _flags = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _sync = new();
    private readonly Timer _timer;
    private DateTimeOffset _lastRefresh;
    private int _failedRefreshes;

    public MewsFeatureFlagClient(
        Func<CancellationToken, Task<IReadOnlyDictionary<string, bool>>> fetch,
        TimeSpan interval)
    {
        _fetch = fetch;
        _timer = new Timer(_ => _ = RefreshAsync(), null, TimeSpan.Zero, interval);
    }

    public bool IsEnabled(string flag, bool defaultValue = false)
    {
        return _flags.TryGetValue(flag, out var value) ? value : defaultValue;
    }

    public DateTimeOffset LastRefresh
    {
        get { lock (_sync) return _lastRefresh; }
    }

    public int FailedRefreshes
    {
        get { lock (_sync) return _failedRefreshes; }
    }

    private async Task RefreshAsync()
    {
        IReadOnlyDictionary<string, bool> latest;
        try
        {
            latest = await _fetch(CancellationToken.None).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            lock (_sync) _failedRefreshes++;
            return;
        }

        lock (_sync)
        {
            _flags.Clear();
            foreach (var pair in latest)
            {
                _flags[pair.Key] = pair.Value;
            }
            _lastRefresh = DateTimeOffset.UtcNow;
        }
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>Decides which birds may be flown today. Called from request handlers.</summary>
public sealed class FlightScheduler
{
    private readonly MewsFeatureFlagClient _flags;

    public FlightScheduler(MewsFeatureFlagClient flags) => _flags = flags;

    public IEnumerable<string> BirdsCleared(IEnumerable<(string Name, double WeightGrams, double FlyingWeight)> birds)
    {
        var strictWeights = _flags.IsEnabled("strict-flying-weight");
        foreach (var bird in birds)
        {
            var tolerance = strictWeights ? 0.01 : 0.03;
            if (Math.Abs(bird.WeightGrams - bird.FlyingWeight) / bird.FlyingWeight <= tolerance)
            {
                yield return bird.Name;
            }
        }
    }
}
