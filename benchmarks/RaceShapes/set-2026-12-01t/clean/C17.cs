namespace PowerGrid.Protection;

public sealed record RelaySetting(string Substation, double UnderFrequencyHz, double OverFrequencyHz, TimeSpan TripDelay);

public interface IRelaySettingsStore
{
    IReadOnlyList<RelaySetting> LoadSettings();
}

/// <summary>
/// Evaluates frequency excursions against the protection relay settings.
/// One instance is used by all substation feed handlers at once.
/// </summary>
public sealed class ProtectionEvaluator
{
    private readonly IRelaySettingsStore _store;
    private Dictionary<string, RelaySetting>? _settings;
    private object? _initLock;
    private bool _initialized;

    public ProtectionEvaluator(IRelaySettingsStore store) => _store = store;

    private Dictionary<string, RelaySetting> Settings =>
        LazyInitializer.EnsureInitialized(ref _settings!, ref _initialized, ref _initLock, () =>
            _store.LoadSettings().ToDictionary(s => s.Substation, StringComparer.OrdinalIgnoreCase));

    public string Evaluate(string substation, double hz, TimeSpan excursionDuration)
    {
        if (!Settings.TryGetValue(substation, out var setting))
        {
            return "no-settings";
        }

        if (hz < setting.UnderFrequencyHz && excursionDuration >= setting.TripDelay)
        {
            return "trip-under-frequency";
        }
        if (hz > setting.OverFrequencyHz && excursionDuration >= setting.TripDelay)
        {
            return "trip-over-frequency";
        }
        return hz < setting.UnderFrequencyHz || hz > setting.OverFrequencyHz ? "pickup" : "normal";
    }
}

/// <summary>
/// Handles the frequency stream from one substation.
/// </summary>
public sealed class SubstationFeedHandler
{
    private readonly string _substation;
    private readonly ProtectionEvaluator _evaluator;
    private DateTimeOffset? _excursionStart;

    public SubstationFeedHandler(string substation, ProtectionEvaluator evaluator)
    {
        _substation = substation;
        _evaluator = evaluator;
    }

    public async Task RunAsync(IAsyncEnumerable<(double Hz, DateTimeOffset At)> feed, Action<string, string> raise, CancellationToken ct)
    {
        await foreach (var (hz, at) in feed.WithCancellation(ct))
        {
            var outOfBand = hz < 49.8 || hz > 50.2;
            if (!outOfBand)
            {
                _excursionStart = null;
                continue;
            }

            _excursionStart ??= at;
            var result = _evaluator.Evaluate(_substation, hz, at - _excursionStart.Value);
            if (result.StartsWith("trip", StringComparison.Ordinal))
            {
                raise(_substation, result);
            }
        }
    }
}
