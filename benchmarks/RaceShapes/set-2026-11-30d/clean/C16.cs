using System.Diagnostics;
using System.Net;

namespace Blind4.Clean.Http.Diagnostics;

public readonly record struct RequestSample(string Host, HttpStatusCode? Status, TimeSpan Elapsed);

/// <summary>
/// Keeps the latency of the most recent outgoing requests so the admin page can show
/// percentiles. The handler sits in the pipeline of a named HttpClient and therefore sees
/// every request sent through that client.
/// </summary>
public sealed class LatencyTrackingHandler : DelegatingHandler
{
    private readonly Queue<RequestSample> _recent = new();
    private readonly int _capacity;

    public LatencyTrackingHandler(int capacity = 512)
    {
        _capacity = capacity;
    }

    public LatencyTrackingHandler(HttpMessageHandler innerHandler, int capacity = 512) : base(innerHandler)
    {
        _capacity = capacity;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        HttpStatusCode? status = null;
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = response.StatusCode;
            return response;
        }
        finally
        {
            var sample = new RequestSample(request.RequestUri?.Host ?? "unknown", status, Stopwatch.GetElapsedTime(started));
            lock (_recent)
            {
                _recent.Enqueue(sample);
                if (_recent.Count > _capacity)
                {
                    _recent.Dequeue();
                }
            }
        }
    }

    public TimeSpan GetPercentile(double percentile)
    {
        RequestSample[] samples;
        lock (_recent)
        {
            samples = _recent.ToArray();
        }

        if (samples.Length == 0)
        {
            return TimeSpan.Zero;
        }

        Array.Sort(samples, (a, b) => a.Elapsed.CompareTo(b.Elapsed));
        var rank = (int)Math.Ceiling(percentile / 100.0 * samples.Length) - 1;
        return samples[Math.Clamp(rank, 0, samples.Length - 1)].Elapsed;
    }
}
