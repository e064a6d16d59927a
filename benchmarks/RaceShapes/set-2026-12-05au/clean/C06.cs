using System.Collections.Concurrent;
using System.Net.Http.Json;

namespace Blind47.Cobblers.Leather;

public sealed record LeatherPrice(string Hide, decimal PerSquareFoot, string Tannery);

/// <summary>
/// Looks up leather prices from the tannery's catalogue service. Registered as a
/// singleton and used by the workbench requests.
/// </summary>
public sealed class LeatherPriceCache
{
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, Lazy<Task<LeatherPrice>>> _prices = new(StringComparer.OrdinalIgnoreCase);

    public LeatherPriceCache(HttpClient http) => _http = http;

    public async Task<LeatherPrice> GetAsync(string hide)
    {
        var lazy = _prices.GetOrAdd(hide, key => new Lazy<Task<LeatherPrice>>(() => FetchAsync(key)));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            // Let the next caller try again rather than caching the failure.
            _prices.TryRemove(new KeyValuePair<string, Lazy<Task<LeatherPrice>>>(hide, lazy));
            throw;
        }
    }

    private async Task<LeatherPrice> FetchAsync(string hide)
    {
        var price = await _http.GetFromJsonAsync<LeatherPrice>($"catalogue/hides/{Uri.EscapeDataString(hide)}").ConfigureAwait(false);
        return price ?? throw new InvalidOperationException($"Tannery has no price for {hide}.");
    }

    public int CachedCount => _prices.Count;
}

public sealed class ResoleEstimator
{
    private readonly LeatherPriceCache _prices;

    public ResoleEstimator(LeatherPriceCache prices) => _prices = prices;

    public async Task<decimal> EstimateAsync(IReadOnlyList<(string Hide, double SquareFeet)> materials, decimal labour)
    {
        var lookups = materials.Select(async m =>
        {
            var price = await _prices.GetAsync(m.Hide);
            return price.PerSquareFoot * (decimal)m.SquareFeet;
        });

        var parts = await Task.WhenAll(lookups);
        return labour + parts.Sum();
    }
}
