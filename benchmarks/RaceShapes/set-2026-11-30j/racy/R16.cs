using System.Net;

namespace Blind10.Http.Retries;

/// <summary>
/// Retries transient failures (connection errors and 5xx responses) with exponential
/// back-off and jitter.
/// </summary>
public sealed class TransientRetryHandler : DelegatingHandler
{
    private readonly int _maxRetries;
    private readonly TimeSpan _baseDelay;
    private int _attempt;

    public TransientRetryHandler(int maxRetries, TimeSpan baseDelay)
    {
        _maxRetries = maxRetries;
        _baseDelay = baseDelay;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _attempt = 0;
        while (true)
        {
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (!IsTransient(response.StatusCode) || _attempt >= _maxRetries)
                {
                    return response;
                }
                response.Dispose();
            }
            catch (HttpRequestException) when (_attempt < _maxRetries)
            {
            }

            _attempt++;
            await Task.Delay(ComputeDelay(_attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status == HttpStatusCode.RequestTimeout;

    private TimeSpan ComputeDelay(int attempt)
    {
        double exponential = _baseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        double jitter = Random.Shared.NextDouble() * _baseDelay.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(Math.Min(exponential + jitter, 30_000));
    }
}

/// <summary>Typed client for the product catalogue API.</summary>
public sealed class CatalogClient : IDisposable
{
    private readonly HttpClient _http;

    public CatalogClient(Uri baseAddress)
    {
        var handler = new TransientRetryHandler(maxRetries: 3, baseDelay: TimeSpan.FromMilliseconds(200))
        {
            InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress };
    }

    public Task<string> GetProductAsync(string sku, CancellationToken ct) =>
        _http.GetStringAsync($"products/{Uri.EscapeDataString(sku)}", ct);

    public async Task<IReadOnlyList<string>> GetPagesAsync(int pageCount, CancellationToken ct)
    {
        var pages = Enumerable.Range(1, pageCount)
            .Select(page => _http.GetStringAsync($"products?page={page}&size=100", ct));
        return await Task.WhenAll(pages).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();
}
