using System.Net;

namespace Blind61.Couriers;

/// <summary>
/// Collapses identical concurrent GETs to the route-planning service into one outbound
/// request. Added to the typed HttpClient for the planner, so every dispatch request
/// thread that plans a courier route goes through the same handler instance.
/// </summary>
public sealed class RouteRequestCoalescingHandler : DelegatingHandler
{
    private readonly Dictionary<string, Task<CachedResponse>> _inFlight = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get || request.RequestUri is null)
            return await base.SendAsync(request, cancellationToken);

        var key = request.RequestUri.AbsoluteUri;
        if (!_inFlight.TryGetValue(key, out var pending))
        {
            pending = FetchAsync(request, key);
            _inFlight[key] = pending;
        }

        var cached = await pending.WaitAsync(cancellationToken);
        return cached.ToResponse(request);
    }

    private async Task<CachedResponse> FetchAsync(HttpRequestMessage request, string key)
    {
        try
        {
            using var response = await base.SendAsync(request, CancellationToken.None);
            var body = await response.Content.ReadAsByteArrayAsync();
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "application/json";
            return new CachedResponse(response.StatusCode, body, mediaType);
        }
        finally
        {
            _inFlight.Remove(key);
        }
    }

    private sealed record CachedResponse(HttpStatusCode Status, byte[] Body, string MediaType)
    {
        public HttpResponseMessage ToResponse(HttpRequestMessage request)
        {
            var content = new ByteArrayContent(Body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(MediaType);
            return new HttpResponseMessage(Status) { RequestMessage = request, Content = content };
        }
    }
}

/// <summary>Typed client used by the dispatch API.</summary>
public sealed class RoutePlannerClient
{
    private readonly HttpClient _http;

    public RoutePlannerClient(HttpClient http) => _http = http;

    public async Task<string> PlanAsync(string fromPostcode, string toPostcode, CancellationToken ct)
    {
        var uri = $"route?from={Uri.EscapeDataString(fromPostcode)}&to={Uri.EscapeDataString(toPostcode)}&mode=cargo-bike";
        using var response = await _http.GetAsync(uri, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct);
    }
}
