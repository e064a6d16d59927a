using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Blind39.Falconry.Mews;

public sealed record RegisteredBird(string Ring, string Name, string Species, double FlyingWeightGrams);

/// <summary>
/// Lookup of the centre's birds by leg ring, built from the register on first use and
/// rebuilt after the register is edited. Shared by the weighing station, the mews
/// cameras and the booking app.
/// </summary>
public sealed class MewsRegister
{
    private readonly Func<IEnumerable<RegisteredBird>> _loadRegister;
    private readonly object _buildLock = new();
    private volatile Dictionary<string, RegisteredBird>? _byRing;
    private int _builds;

    public MewsRegister(Func<IEnumerable<RegisteredBird>> loadRegister) => _loadRegister = loadRegister;

    public int Builds => Volatile.Read(ref _builds);

    public RegisteredBird? FindByRing(string ring) =>
        Index().TryGetValue(ring, out var bird) ? bird : null;

    public int Count => Index().Count;

    /// <summary>Called after the register file has been edited.</summary>
    public void Invalidate() => _byRing = null;

    private Dictionary<string, RegisteredBird> Index()
    {
        var index = _byRing;
        if (index is not null)
            return index;

        lock (_buildLock)
        {
            index = _byRing;
            if (index is null)
            {
                index = _loadRegister().ToDictionary(b => b.Ring, StringComparer.OrdinalIgnoreCase);
                Interlocked.Increment(ref _builds);
                _byRing = index;
            }
            return index;
        }
    }
}

/// <summary>Morning weigh-in: compares each bird's weight against its flying weight.</summary>
public sealed class WeighingStation
{
    private readonly MewsRegister _register;

    public WeighingStation(MewsRegister register) => _register = register;

    public string Assess(string ring, double grams)
    {
        var bird = _register.FindByRing(ring);
        if (bird is null)
            return $"{ring}: not on the register";

        var ratio = grams / bird.FlyingWeightGrams;
        return ratio switch
        {
            > 1.05 => $"{bird.Name}: too heavy to fly keenly ({grams:F0} g)",
            < 0.95 => $"{bird.Name}: underweight, feed up ({grams:F0} g)",
            _ => $"{bird.Name}: at flying weight",
        };
    }
}
