using System.Net.Http.Json;

namespace Blind58.HovercraftStatus;

public sealed class FerryApiOptions
{
    public string Endpoint { get; set; } = "https://status.example-hovertravel.test/";
    public string ApiKey { get; set; } = "";
    public int TimeoutSeconds { get; set; } = 10;
}

public sealed record CrossingStatus(string Route, string State, int DelayMinutes);

/// <summary>Thin client for the operator's crossing status API.</summary>
public sealed class CrossingStatusClient
{
    private readonly HttpClient _http;
    private Uri? _baseAddress;
    private string _apiKey = "";
    private TimeSpan _timeout;

    public CrossingStatusClient(HttpClient http)
    {
        _http = http;
    }

    public void Configure(FerryApiOptions options)
    {
        _baseAddress = new Uri(options.Endpoint);
        _apiKey = options.ApiKey;
        _timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
    }

    public async Task<CrossingStatus?> GetStatusAsync(string route, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_baseAddress!, $"crossings/{Uri.EscapeDataString(route)}"));
        request.Headers.Add("X-Api-Key", _apiKey);
        using var response = await _http.SendAsync(request, cts.Token).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CrossingStatus>(cts.Token).ConfigureAwait(false);
    }
}

/// <summary>
/// Hands out the shared crossing status client. Registered as a singleton; terminal
/// departure screens and the booking site both call <see cref="GetClient"/> on every request.
/// </summary>
public sealed class CrossingStatusClientProvider
{
    private readonly HttpClient _http;
    private readonly FerryApiOptions _options;
    private readonly object _initLock = new();
    private CrossingStatusClient? _client;

    public CrossingStatusClientProvider(HttpClient http, FerryApiOptions options)
    {
        _http = http;
        _options = options;
    }

    public CrossingStatusClient GetClient()
    {
        if (_client is null)
        {
            lock (_initLock)
            {
                if (_client is null)
                {
                    _client = new CrossingStatusClient(_http);
                    _client.Configure(_options);
                }
            }
        }

        return _client;
    }
}

/// <summary>Departure screen feed at the terminal.</summary>
public sealed class DepartureScreenFeed
{
    private readonly CrossingStatusClientProvider _provider;

    public DepartureScreenFeed(CrossingStatusClientProvider provider) => _provider = provider;

    public async Task<IReadOnlyList<CrossingStatus>> RefreshAsync(IEnumerable<string> routes, CancellationToken cancellationToken)
    {
        var lookups = routes.Select(r => _provider.GetClient().GetStatusAsync(r, cancellationToken));
        var results = await Task.WhenAll(lookups).ConfigureAwait(false);
        return results.Where(r => r is not null).Select(r => r!).ToList();
    }
}
