namespace Blind38.KiteFestival.Registration;

public sealed record Flyer(string Bib, string Name, string KiteClass);

/// <summary>
/// The festival's roster of registered kite flyers. A single instance is shared by the
/// registration desk API and the field marshals' app, both of which call it from
/// request threads at the same time.
/// </summary>
public sealed class FlyerRoster
{
    private readonly object _registrationLock = new();
    private readonly List<Flyer> _flyers = new();
    private readonly int _capacityPerClass;

    public FlyerRoster(int capacityPerClass)
    {
        _capacityPerClass = capacityPerClass;
    }

    public bool TryRegister(Flyer flyer)
    {
        lock (_registrationLock)
        {
            var inClass = 0;
            foreach (var existing in _flyers)
            {
                if (existing.Bib == flyer.Bib)
                {
                    return false;
                }

                if (existing.KiteClass == flyer.KiteClass)
                {
                    inClass++;
                }
            }

            if (inClass >= _capacityPerClass)
            {
                return false;
            }

            _flyers.Add(flyer);
            return true;
        }
    }

    /// <summary>Called by field marshals when a flyer scratches from the day's programme.</summary>
    public int Withdraw(string bib)
    {
        lock (_flyers)
        {
            return _flyers.RemoveAll(f => f.Bib == bib);
        }
    }

    public IReadOnlyList<Flyer> ForClass(string kiteClass)
    {
        lock (_registrationLock)
        {
            return _flyers.Where(f => f.KiteClass == kiteClass).ToArray();
        }
    }

    public int Count
    {
        get
        {
            lock (_registrationLock)
            {
                return _flyers.Count;
            }
        }
    }
}
