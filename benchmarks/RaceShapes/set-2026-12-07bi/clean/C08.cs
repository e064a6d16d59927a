using Microsoft.AspNetCore.Http;

namespace Blind61.BoxOffice.Matinee;

/// <summary>
/// Seat map for one performance. Shared by every booking request for that performance.
/// </summary>
public sealed class PerformanceSeatMap
{
    private readonly object _sync = new();
    private readonly Dictionary<string, string> _heldBy = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _sold = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _allSeats;

    public PerformanceSeatMap(IEnumerable<string> seats)
    {
        _allSeats = new HashSet<string>(seats, StringComparer.OrdinalIgnoreCase);
    }

    public bool TryHold(string basketId, IReadOnlyCollection<string> seats)
    {
        lock (_sync)
        {
            foreach (var seat in seats)
            {
                if (!_allSeats.Contains(seat) || _sold.Contains(seat))
                    return false;
                if (_heldBy.TryGetValue(seat, out var holder) && holder != basketId)
                    return false;
            }
            foreach (var seat in seats)
                _heldBy[seat] = basketId;
            return true;
        }
    }

    public void ReleaseBasket(string basketId)
    {
        lock (_sync)
        {
            var mine = _heldBy.Where(kv => kv.Value == basketId).Select(kv => kv.Key).ToList();
            foreach (var seat in mine)
                _heldBy.Remove(seat);
        }
    }

    public IReadOnlyList<string> Confirm(string basketId)
    {
        lock (_sync)
        {
            var mine = _heldBy.Where(kv => kv.Value == basketId).Select(kv => kv.Key).ToList();
            foreach (var seat in mine)
            {
                _heldBy.Remove(seat);
                _sold.Add(seat);
            }
            return mine;
        }
    }

    public (int Available, int Held, int Sold) Counts()
    {
        lock (_sync)
        {
            return (_allSeats.Count - _heldBy.Count - _sold.Count, _heldBy.Count, _sold.Count);
        }
    }

    public IReadOnlyCollection<string> AvailableSeats()
    {
        lock (_sync)
        {
            return _allSeats.Where(s => !_sold.Contains(s) && !_heldBy.ContainsKey(s)).ToArray();
        }
    }
}

/// <summary>Basket endpoints for the matinee booking page.</summary>
public sealed class BasketEndpoints
{
    private readonly PerformanceSeatMap _map;

    public BasketEndpoints(PerformanceSeatMap map) => _map = map;

    public IResult Hold(string basketId, string[] seats) =>
        _map.TryHold(basketId, seats) ? Results.Ok() : Results.Conflict("Some seats are no longer available.");

    public IResult Checkout(string basketId)
    {
        var sold = _map.Confirm(basketId);
        return sold.Count == 0 ? Results.BadRequest() : Results.Ok(sold);
    }

    public IResult Abandon(string basketId)
    {
        _map.ReleaseBasket(basketId);
        return Results.NoContent();
    }
}
