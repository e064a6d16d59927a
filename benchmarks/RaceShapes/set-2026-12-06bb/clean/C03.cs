using System.Collections.Concurrent;

namespace Blind54.ParkingGarage.Tariffs;

public sealed record TariffQuote(string ZoneId, decimal HourlyRate, decimal DailyCap);

/// <summary>
/// Coalesces tariff lookups for the same parking zone: while one call to the pricing service
/// is running, every other caller asking for that zone awaits the same task. Shared by all
/// requests of the pay station API.
/// </summary>
public sealed class TariffLookupCoalescer
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TariffQuote>>> _inflight = new();
    private readonly Func<string, Task<TariffQuote>> _fetch;

    public TariffLookupCoalescer(Func<string, Task<TariffQuote>> fetch) => _fetch = fetch;

    public async Task<TariffQuote> GetAsync(string zoneId)
    {
        var lazy = _inflight.GetOrAdd(zoneId, id => new Lazy<Task<TariffQuote>>(
            () => _fetch(id), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        finally
        {
            _inflight.TryRemove(new KeyValuePair<string, Lazy<Task<TariffQuote>>>(zoneId, lazy));
        }
    }

    public int InflightCount => _inflight.Count;
}

/// <summary>Computes the fee shown on the pay station screen when a ticket is scanned.</summary>
public sealed class PayStationFeeCalculator
{
    private readonly TariffLookupCoalescer _tariffs;

    public PayStationFeeCalculator(TariffLookupCoalescer tariffs) => _tariffs = tariffs;

    public async Task<decimal> FeeAsync(string zoneId, DateTime enteredUtc, DateTime exitUtc)
    {
        var tariff = await _tariffs.GetAsync(zoneId);
        var total = 0m;
        var day = enteredUtc.Date;
        while (day <= exitUtc.Date)
        {
            var from = enteredUtc > day ? enteredUtc : day;
            var to = exitUtc < day.AddDays(1) ? exitUtc : day.AddDays(1);
            var hours = (decimal)Math.Ceiling((to - from).TotalHours);
            total += Math.Min(hours * tariff.HourlyRate, tariff.DailyCap);
            day = day.AddDays(1);
        }

        return total;
    }

    public Task<decimal[]> FeesForLaneAsync(IEnumerable<(string Zone, DateTime In, DateTime Out)> tickets) =>
        Task.WhenAll(tickets.Select(t => FeeAsync(t.Zone, t.In, t.Out)));
}
