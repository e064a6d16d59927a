namespace Brewhouse.Gravity;

public sealed record GravityReading(string FermenterId, double SpecificGravity, double Celsius, DateTimeOffset At);

public sealed class FermentationCompleteEventArgs : EventArgs
{
    public FermentationCompleteEventArgs(string fermenterId, double finalGravity)
    {
        FermenterId = fermenterId;
        FinalGravity = finalGravity;
    }

    public string FermenterId { get; }
    public double FinalGravity { get; }
}

/// <summary>
/// Tracks hydrometer readings from the floating wireless hydrometers. Readings arrive on
/// the Bluetooth gateway's callback threads; the brewhouse tablet reads the summary.
/// Subscribers to <see cref="FermentationComplete"/> are attached at start-up, before
/// the gateway is started.
/// </summary>
public sealed class GravityTracker
{
    private readonly object _sync = new();
    private readonly Dictionary<string, List<GravityReading>> _history = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _completed = new(StringComparer.OrdinalIgnoreCase);

    public event EventHandler<FermentationCompleteEventArgs>? FermentationComplete;

    public void OnReading(GravityReading reading)
    {
        double? finalGravity = null;

        lock (_sync)
        {
            if (!_history.TryGetValue(reading.FermenterId, out var list))
                _history[reading.FermenterId] = list = new List<GravityReading>();
            list.Add(reading);

            // Three days of stable gravity (within 0.001) means terminal gravity.
            var window = list.Where(r => r.At >= reading.At.AddDays(-3)).ToList();
            bool stable = window.Count >= 6 &&
                          list[0].At <= reading.At.AddDays(-3) &&
                          window.Max(r => r.SpecificGravity) - window.Min(r => r.SpecificGravity) <= 0.001;

            if (stable && _completed.Add(reading.FermenterId))
                finalGravity = reading.SpecificGravity;
        }

        // Raised outside the lock so handlers can call back into the tracker.
        if (finalGravity is { } fg)
            FermentationComplete?.Invoke(this, new FermentationCompleteEventArgs(reading.FermenterId, fg));
    }

    public double? LatestGravity(string fermenterId)
    {
        lock (_sync)
        {
            return _history.TryGetValue(fermenterId, out var list) && list.Count > 0
                ? list[^1].SpecificGravity
                : null;
        }
    }

    public void StartNewBatch(string fermenterId)
    {
        lock (_sync)
        {
            _history.Remove(fermenterId);
            _completed.Remove(fermenterId);
        }
    }
}
