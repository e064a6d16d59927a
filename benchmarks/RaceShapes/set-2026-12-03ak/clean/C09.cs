using System.Collections.Immutable;

namespace Blind37.Thatching.Ridges;

public sealed record RidgePattern(string Code, string Name, string Style, int CuttingHours);

/// <summary>
/// Copy-on-write registry of decorative ridge patterns (block-cut, scalloped, pointed and so
/// on). Read on every estimate; patterns are added or retired from the admin screens.
/// Registered as a singleton.
/// </summary>
public sealed class RidgePatternRegistry
{
    private ImmutableDictionary<string, RidgePattern> _patterns =
        ImmutableDictionary.Create<string, RidgePattern>(StringComparer.OrdinalIgnoreCase);

    public RidgePattern? Find(string code) => Volatile.Read(ref _patterns).GetValueOrDefault(code);

    public IReadOnlyList<RidgePattern> ForStyle(string style) =>
        Volatile.Read(ref _patterns).Values
            .Where(p => string.Equals(p.Style, style, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Name)
            .ToArray();

    public void AddOrReplace(RidgePattern pattern) =>
        ImmutableInterlocked.AddOrUpdate(ref _patterns, pattern.Code, pattern, (_, _) => pattern);

    public bool Retire(string code) => ImmutableInterlocked.TryRemove(ref _patterns, code, out _);

    public int AdjustCuttingHours(string style, int deltaHours)
    {
        while (true)
        {
            var current = Volatile.Read(ref _patterns);
            var builder = current.ToBuilder();
            var changed = 0;
            foreach (var pattern in current.Values)
            {
                if (string.Equals(pattern.Style, style, StringComparison.OrdinalIgnoreCase))
                {
                    builder[pattern.Code] = pattern with { CuttingHours = Math.Max(1, pattern.CuttingHours + deltaHours) };
                    changed++;
                }
            }

            if (changed == 0)
            {
                return 0;
            }

            var updated = builder.ToImmutable();
            if (ReferenceEquals(Interlocked.CompareExchange(ref _patterns, updated, current), current))
            {
                return changed;
            }
        }
    }
}

/// <summary>Adds the ridge work to a roof estimate.</summary>
public sealed class RidgeEstimator
{
    private readonly RidgePatternRegistry _registry;
    private readonly decimal _hourlyRate;

    public RidgeEstimator(RidgePatternRegistry registry, decimal hourlyRate)
    {
        _registry = registry;
        _hourlyRate = hourlyRate;
    }

    public decimal? EstimateRidge(string patternCode, double ridgeLengthMetres)
    {
        var pattern = _registry.Find(patternCode);
        if (pattern is null)
        {
            return null;
        }

        var hours = pattern.CuttingHours * (decimal)Math.Ceiling(ridgeLengthMetres / 10.0);
        return hours * _hourlyRate;
    }

    public Task<decimal?[]> EstimateManyAsync(IEnumerable<(string Pattern, double Length)> ridges) =>
        Task.WhenAll(ridges.Select(r => Task.Run(() => EstimateRidge(r.Pattern, r.Length))));
}
