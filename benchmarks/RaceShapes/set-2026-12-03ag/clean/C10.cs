using System.Collections.Concurrent;
using System.Globalization;

namespace KayakRental.Fleet;

public enum BoatState
{
    Available,
    OnWater,
    Maintenance,
}

/// <summary>
/// Fleet availability and quotes for the rental desk API. Registered with
/// <c>services.AddSingleton&lt;FleetService&gt;()</c>; the check-out, check-in and
/// quote endpoints call it concurrently.
/// </summary>
public sealed class FleetService
{
    private readonly ConcurrentDictionary<string, BoatState> _boats = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyDictionary<string, decimal> _hourlyRates;
    private long _checkouts;

    public FleetService(IEnumerable<string> boatIds, IReadOnlyDictionary<string, decimal> hourlyRates)
    {
        foreach (var id in boatIds)
        {
            _boats[id] = BoatState.Available;
        }
        _hourlyRates = hourlyRates;
    }

    public bool TryCheckOut(string boatId)
    {
        if (_boats.TryUpdate(boatId, BoatState.OnWater, BoatState.Available))
        {
            Interlocked.Increment(ref _checkouts);
            return true;
        }
        return false;
    }

    public bool CheckIn(string boatId, bool needsRepair) =>
        _boats.TryUpdate(boatId, needsRepair ? BoatState.Maintenance : BoatState.Available, BoatState.OnWater);

    public bool ReturnFromMaintenance(string boatId) =>
        _boats.TryUpdate(boatId, BoatState.Available, BoatState.Maintenance);

    public int AvailableCount => _boats.Count(kv => kv.Value == BoatState.Available);

    public long TotalCheckouts => Interlocked.Read(ref _checkouts);

    public string Quote(string boatType, int hours, int lifeJackets, bool member)
    {
        if (!_hourlyRates.TryGetValue(boatType, out var rate))
        {
            throw new ArgumentException($"Unknown boat type '{boatType}'", nameof(boatType));
        }

        decimal baseCost = rate * hours;
        decimal extras = lifeJackets * 2.50m;
        decimal discount = member ? Math.Round(baseCost * 0.1m, 2) : 0m;
        decimal total = baseCost + extras - discount;

        var culture = CultureInfo.GetCultureInfo("en-GB");
        return string.Create(culture, $"{boatType} x {hours}h: {total:C} (discount {discount:C})");
    }
}
