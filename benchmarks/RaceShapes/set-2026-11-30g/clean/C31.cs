using System.Collections.Concurrent;

namespace Web.Diagnostics;

public readonly record struct RouteStats(long Requests, long Errors, long TotalMicros);

/// <summary>
/// Per-route request counters exposed on the diagnostics page. Singleton; Record is
/// called by the middleware at the end of every request.
/// </summary>
public sealed class RouteMetricsCollector
{
    private readonly ConcurrentDictionary<string, long> _requestCounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, RouteAccumulator> _details = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<int, long> _statusCodes = new();

    public void Record(string routeTemplate, int statusCode, TimeSpan elapsed)
    {
        _requestCounts.AddOrUpdate(routeTemplate, 1, static (_, current) => current + 1);
        _statusCodes.AddOrUpdate(statusCode, 1, static (_, current) => current + 1);

        var accumulator = _details.GetOrAdd(routeTemplate, static _ => new RouteAccumulator());
        accumulator.Add(statusCode >= 500, (long)(elapsed.Ticks / 10));
    }

    public IReadOnlyDictionary<string, RouteStats> Snapshot()
    {
        var result = new Dictionary<string, RouteStats>(StringComparer.OrdinalIgnoreCase);
        foreach (var (route, accumulator) in _details)
            result[route] = accumulator.Read();

        return result;
    }

    public long RequestsFor(string routeTemplate) =>
        _requestCounts.TryGetValue(routeTemplate, out var count) ? count : 0;

    public IEnumerable<KeyValuePair<int, long>> StatusCodeCounts() =>
        _statusCodes.OrderBy(pair => pair.Key).ToArray();

    private sealed class RouteAccumulator
    {
        private long _requests;
        private long _errors;
        private long _totalMicros;

        public void Add(bool isError, long micros)
        {
            Interlocked.Increment(ref _requests);
            if (isError)
                Interlocked.Increment(ref _errors);
            Interlocked.Add(ref _totalMicros, micros);
        }

        public RouteStats Read() => new(
            Interlocked.Read(ref _requests),
            Interlocked.Read(ref _errors),
            Interlocked.Read(ref _totalMicros));
    }
}
