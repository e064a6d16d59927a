using System.Collections.Concurrent;

namespace Blind10.Metrics.Endpoints;

public sealed record EndpointSummary(string Endpoint, long Requests, long Errors, TimeSpan AverageDuration, DateTime LastSeenUtc);

/// <summary>
/// Per-endpoint request statistics, registered as a singleton and updated by the request
/// pipeline. A small fraction of requests is also forwarded to the trace sink.
/// </summary>
public sealed class EndpointStatistics : IDisposable
{
    private sealed class Counters
    {
        public long Requests;
        public long Errors;
        public long TotalTicks;
        public long LastSeenTicks;
    }

    private readonly ConcurrentDictionary<string, Counters> _byEndpoint = new(StringComparer.OrdinalIgnoreCase);
    private readonly ThreadLocal<Random> _sampler = new(() => new Random(Random.Shared.Next()));
    private readonly double _traceSampleRate;
    private readonly Action<string, TimeSpan> _traceSink;

    public EndpointStatistics(double traceSampleRate, Action<string, TimeSpan> traceSink)
    {
        _traceSampleRate = traceSampleRate;
        _traceSink = traceSink;
    }

    public void Observe(string endpoint, TimeSpan duration, bool failed)
    {
        var counters = _byEndpoint.GetOrAdd(endpoint, static _ => new Counters());
        Interlocked.Increment(ref counters.Requests);
        if (failed)
        {
            Interlocked.Increment(ref counters.Errors);
        }
        Interlocked.Add(ref counters.TotalTicks, duration.Ticks);
        Interlocked.Exchange(ref counters.LastSeenTicks, DateTime.UtcNow.Ticks);

        if (_sampler.Value!.NextDouble() < _traceSampleRate)
        {
            _traceSink(endpoint, duration);
        }
    }

    public IReadOnlyList<EndpointSummary> Summaries()
    {
        var result = new List<EndpointSummary>();
        foreach (var (endpoint, counters) in _byEndpoint)
        {
            long requests = Interlocked.Read(ref counters.Requests);
            long errors = Interlocked.Read(ref counters.Errors);
            long ticks = Interlocked.Read(ref counters.TotalTicks);
            long lastSeen = Interlocked.Read(ref counters.LastSeenTicks);
            result.Add(new EndpointSummary(
                endpoint,
                requests,
                errors,
                requests == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(ticks / requests),
                new DateTime(lastSeen, DateTimeKind.Utc)));
        }
        return result;
    }

    public void Dispose() => _sampler.Dispose();
}
