namespace Blind60.RareBooks.Valuations;

public sealed record Valuation(string Lot, decimal Low, decimal High, DateTime ValuedUtc);

public interface IValuationService
{
    Task<Valuation> ValueAsync(string lot, CancellationToken ct);
}

/// <summary>
/// Coalesces concurrent valuation requests for the same auction lot so that the slow
/// specialist-valuation service is only asked once per lot at a time.
/// Shared by the catalogue site, the bidder app and the saleroom screens.
/// </summary>
public sealed class ValuationCoalescer
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Task<Valuation>> _inFlight = new(StringComparer.Ordinal);
    private readonly IValuationService _inner;

    public ValuationCoalescer(IValuationService inner) => _inner = inner;

    public Task<Valuation> GetAsync(string lot)
    {
        lock (_gate)
        {
            if (_inFlight.TryGetValue(lot, out var existing))
            {
                return existing;
            }

            var task = FetchAndForgetAsync(lot);
            if (!task.IsCompleted)
            {
                _inFlight[lot] = task;
            }
            return task;
        }
    }

    private async Task<Valuation> FetchAndForgetAsync(string lot)
    {
        try
        {
            return await _inner.ValueAsync(lot, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.Remove(lot);
        }
    }

    public int InFlightCount
    {
        get { lock (_gate) return _inFlight.Count; }
    }
}

public sealed class SaleroomScreen
{
    private readonly ValuationCoalescer _valuations;

    public SaleroomScreen(ValuationCoalescer valuations) => _valuations = valuations;

    public async Task<string> CaptionAsync(string lot)
    {
        var v = await _valuations.GetAsync(lot);
        return $"Lot {v.Lot}: estimate {v.Low:C0} – {v.High:C0}";
    }
}
