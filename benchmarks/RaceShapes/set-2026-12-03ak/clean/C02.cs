namespace Blind37.PeatCutting.Drying;

/// <summary>A ridge of cut turves stacked to dry on the bank.</summary>
public sealed record DryingRidge(string RidgeId, string Cutter, int Turves, DateOnly CutOn);

/// <summary>
/// Ledger of drying ridges on the moss. Cutters add ridges from the phone app, the
/// carting crew removes them when they are bagged, and the weather job turns ridges
/// after rain. Registered as a singleton and called from all of those concurrently.
/// </summary>
public sealed class DryingRidgeLedger
{
    private readonly object _sync = new();
    private readonly Dictionary<string, DryingRidge> _ridges = new(StringComparer.Ordinal);
    private readonly List<string> _turnedToday = new();
    private int _totalTurves;

    public bool Add(DryingRidge ridge)
    {
        lock (_sync)
        {
            if (!_ridges.TryAdd(ridge.RidgeId, ridge))
            {
                return false;
            }
            _totalTurves += ridge.Turves;
            return true;
        }
    }

    public DryingRidge? Cart(string ridgeId)
    {
        lock (_sync)
        {
            if (!_ridges.Remove(ridgeId, out var ridge))
            {
                return null;
            }
            _totalTurves -= ridge.Turves;
            _turnedToday.Remove(ridgeId);
            return ridge;
        }
    }

    public int TurnAllCutBefore(DateOnly date)
    {
        DryingRidge[] candidates;
        lock (_sync)
        {
            candidates = _ridges.Values.Where(r => r.CutOn < date).ToArray();
        }

        var turned = 0;
        foreach (var ridge in candidates)
        {
            lock (_sync)
            {
                // The ridge may have been carted since the snapshot was taken.
                if (_ridges.ContainsKey(ridge.RidgeId) && !_turnedToday.Contains(ridge.RidgeId))
                {
                    _turnedToday.Add(ridge.RidgeId);
                    turned++;
                }
            }
        }
        return turned;
    }

    public void StartNewDay()
    {
        lock (_sync)
        {
            _turnedToday.Clear();
        }
    }

    public (int Ridges, int Turves, IReadOnlyList<string> TurnedToday) Summary()
    {
        lock (_sync)
        {
            return (_ridges.Count, _totalTurves, _turnedToday.ToArray());
        }
    }

    public IReadOnlyList<DryingRidge> ForCutter(string cutter)
    {
        lock (_sync)
        {
            return _ridges.Values.Where(r => r.Cutter == cutter).OrderBy(r => r.CutOn).ToArray();
        }
    }
}
