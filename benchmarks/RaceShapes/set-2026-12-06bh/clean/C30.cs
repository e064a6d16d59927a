using System.Collections.Concurrent;

namespace Blind60.ArtisanBakery.Production;

/// <summary>Working sheet for scaling a bread recipe; reused between bakes.</summary>
public sealed class ScalingSheet
{
    public Dictionary<string, double> Grams { get; } = new(StringComparer.OrdinalIgnoreCase);
    public double FlourBase { get; set; }

    public void Reset()
    {
        Grams.Clear();
        FlourBase = 0;
    }
}

/// <summary>
/// Pool of scaling sheets shared by the bakery's production-planning service. A sheet is
/// rented by one request, filled, read, and returned.
/// </summary>
public sealed class ScalingSheetPool
{
    private readonly ConcurrentBag<ScalingSheet> _free = new();
    private readonly int _maxRetained;
    private int _retained;

    public ScalingSheetPool(int maxRetained) => _maxRetained = maxRetained;

    public ScalingSheet Rent()
    {
        if (_free.TryTake(out var sheet))
        {
            Interlocked.Decrement(ref _retained);
            return sheet;
        }
        return new ScalingSheet();
    }

    public void Return(ScalingSheet sheet)
    {
        sheet.Reset();
        if (Interlocked.Increment(ref _retained) <= _maxRetained)
        {
            _free.Add(sheet);
        }
        else
        {
            Interlocked.Decrement(ref _retained);
        }
    }
}

public sealed record Formula(string Bread, IReadOnlyDictionary<string, double> BakersPercent);

public sealed class DoughScaler
{
    private readonly ScalingSheetPool _pool;

    public DoughScaler(ScalingSheetPool pool) => _pool = pool;

    public IReadOnlyDictionary<string, double> Scale(Formula formula, int loaves, double loafGrams)
    {
        var sheet = _pool.Rent();
        try
        {
            var totalPercent = formula.BakersPercent.Values.Sum();
            sheet.FlourBase = loaves * loafGrams * 100 / totalPercent;
            foreach (var (ingredient, percent) in formula.BakersPercent)
            {
                sheet.Grams[ingredient] = Math.Round(sheet.FlourBase * percent / 100, 1);
            }
            return new Dictionary<string, double>(sheet.Grams);
        }
        finally
        {
            _pool.Return(sheet);
        }
    }

    /// <summary>Plans the whole night's bake in parallel, one formula per task.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, double>>> PlanNightAsync(IEnumerable<(Formula F, int Loaves)> orders)
    {
        var tasks = orders.Select(o => Task.Run(() => Scale(o.F, o.Loaves, 800)));
        return await Task.WhenAll(tasks);
    }
}
