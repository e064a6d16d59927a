using System.Collections.Concurrent;

namespace Blind8.Metrics.Endpoints;

/// <summary>Counters for a single endpoint; all updates are atomic.</summary>
public sealed class EndpointCounters
{
    private long _requests;
    private long _failures;
    private long _totalMilliseconds;

    public void Record(long elapsedMilliseconds, bool failed)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _totalMilliseconds, elapsedMilliseconds);
        if (failed)
        {
            Interlocked.Increment(ref _failures);
        }
    }

    public (long Requests, long Failures, double AverageMs) Read()
    {
        var requests = Interlocked.Read(ref _requests);
        var total = Interlocked.Read(ref _totalMilliseconds);
        return (requests, Interlocked.Read(ref _failures), requests == 0 ? 0 : (double)total / requests);
    }
}

/// <summary>
/// Collects per-endpoint and per-status-code request metrics. Singleton used
/// by the metrics middleware on every request; the Prometheus endpoint reads it.
/// </summary>
public sealed class RequestMetricsCollector
{
    private readonly ConcurrentDictionary<string, EndpointCounters> _byEndpoint = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _byStatus = new();

    public void Record(string method, string routeTemplate, int statusCode, long elapsedMilliseconds)
    {
        var key = method + " " + routeTemplate;
        var counters = _byEndpoint.GetOrAdd(key, static _ => new EndpointCounters());
        counters.Record(elapsedMilliseconds, statusCode >= 500);

        _byStatus.AddOrUpdate(statusCode, 1, static (_, current) => current + 1);
    }

    public string ExportPrometheus()
    {
        var lines = new List<string>();
        foreach (var (endpoint, counters) in _byEndpoint.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var (requests, failures, average) = counters.Read();
            var label = endpoint.Replace("\"", "\\\"");
            lines.Add($"http_requests_total{{endpoint=\"{label}\"}} {requests}");
            lines.Add($"http_request_failures_total{{endpoint=\"{label}\"}} {failures}");
            lines.Add($"http_request_duration_ms_avg{{endpoint=\"{label}\"}} {average:0.###}");
        }

        foreach (var (status, count) in _byStatus.OrderBy(p => p.Key))
        {
            lines.Add($"http_responses_total{{code=\"{status}\"}} {count}");
        }

        return string.Join('\n', lines) + "\n";
    }

    public void Reset()
    {
        _byEndpoint.Clear();
        _byStatus.Clear();
    }
}
