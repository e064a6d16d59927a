namespace FerryOps.Weather;

public sealed record WeatherHold(string Route, string Reason, DateTimeOffset Since, DateTimeOffset? ReviewAt);

public sealed record SeaState(double WaveHeightMetres, double GustKnots, double VisibilityNm);

/// <summary>
/// Current weather hold per route. Registered as a singleton: the harbour master's
/// console sets and lifts holds, the booking site and departure boards read them, and
/// awaiting callers are released when a hold is lifted.
/// </summary>
public sealed class WeatherHoldRegistry
{
    private readonly object _sync = new();
    private readonly Dictionary<string, (WeatherHold Hold, TaskCompletionSource Lifted)> _holds =
        new(StringComparer.OrdinalIgnoreCase);

    public void PlaceHold(string route, string reason, DateTimeOffset? reviewAt)
    {
        lock (_sync)
        {
            if (_holds.ContainsKey(route))
            {
                var existing = _holds[route];
                _holds[route] = (existing.Hold with { Reason = reason, ReviewAt = reviewAt }, existing.Lifted);
                return;
            }

            _holds[route] = (new WeatherHold(route, reason, DateTimeOffset.UtcNow, reviewAt),
                new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    public bool LiftHold(string route)
    {
        TaskCompletionSource lifted;
        lock (_sync)
        {
            if (!_holds.Remove(route, out var entry))
                return false;
            lifted = entry.Lifted;
        }
        lifted.TrySetResult();
        return true;
    }

    public WeatherHold? Current(string route)
    {
        lock (_sync)
        {
            return _holds.TryGetValue(route, out var entry) ? entry.Hold : null;
        }
    }

    /// <summary>
    /// Completes when the route is clear. Used by the boarding gate service before it
    /// opens the linkspan.
    /// </summary>
    public Task WaitUntilClearAsync(string route, CancellationToken ct)
    {
        Task lifted;
        lock (_sync)
        {
            if (!_holds.TryGetValue(route, out var entry))
                return Task.CompletedTask;
            lifted = entry.Lifted.Task;
        }
        return lifted.WaitAsync(ct);
    }

    public static bool ShouldHold(SeaState sea, double maxWaveMetres, double maxGustKnots) =>
        sea.WaveHeightMetres > maxWaveMetres || sea.GustKnots > maxGustKnots || sea.VisibilityNm < 0.5;
}
