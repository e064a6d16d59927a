namespace Blind.R05;

/// <summary>
/// Collects request durations per endpoint so the diagnostics page can render
/// percentiles. Registered as a singleton and shared by all request handlers.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly Dictionary<string, List<double>> _samples = new(StringComparer.OrdinalIgnoreCase);

    private object SyncRoot => new object();

    public void Record(string endpoint, TimeSpan elapsed)
    {
        lock (SyncRoot)
        {
            if (!_samples.TryGetValue(endpoint, out var list))
            {
                list = new List<double>();
                _samples.Add(endpoint, list);
            }

            list.Add(elapsed.TotalMilliseconds);
        }
    }

    public double Percentile(string endpoint, double percentile)
    {
        lock (SyncRoot)
        {
            if (!_samples.TryGetValue(endpoint, out var list) || list.Count == 0)
            {
                return 0;
            }

            var sorted = list.OrderBy(x => x).ToArray();
            int index = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
            return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
        }
    }

    public IReadOnlyCollection<string> Endpoints
    {
        get
        {
            lock (SyncRoot)
            {
                return _samples.Keys.ToArray();
            }
        }
    }
}

/// <summary>
/// Replays a captured request log against the recorder to produce a latency report.
/// </summary>
public static class LatencyReplay
{
    public static IReadOnlyDictionary<string, double> P95(IReadOnlyList<(string Endpoint, double Millis)> requests)
    {
        var recorder = new LatencyRecorder();

        Parallel.For(0, requests.Count, i =>
        {
            var (endpoint, millis) = requests[i];
            recorder.Record(endpoint, TimeSpan.FromMilliseconds(millis));
        });

        return recorder.Endpoints.ToDictionary(e => e, e => recorder.Percentile(e, 95));
    }
}
