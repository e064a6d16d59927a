using System.Collections.Immutable;

namespace Blind36.GlassEyes.Catalogue;

public sealed record IrisStyle(string Code, string Colour, double DiameterMm, decimal Price);

/// <summary>
/// Iris catalogue used by the ordering site and the studio's bench app. Lookups happen
/// on every request; the catalogue is replaced occasionally when the price list changes.
/// Registered as a singleton.
/// </summary>
public sealed class IrisCatalogue
{
    private ImmutableDictionary<string, IrisStyle> _styles =
        ImmutableDictionary<string, IrisStyle>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public int Count => Volatile.Read(ref _styles).Count;

    public IrisStyle? Find(string code) =>
        Volatile.Read(ref _styles).TryGetValue(code, out var s) ? s : null;

    public IReadOnlyCollection<IrisStyle> All() => Volatile.Read(ref _styles).Values.ToList();

    public void AddOrReplace(IrisStyle style)
    {
        ImmutableInterlocked.AddOrUpdate(ref _styles, style.Code, style, (_, _) => style);
    }

    public bool Discontinue(string code) =>
        ImmutableInterlocked.TryRemove(ref _styles, code, out _);

    /// <summary>Applies a percentage change to every style in one step.</summary>
    public void Reprice(decimal percent)
    {
        while (true)
        {
            var current = Volatile.Read(ref _styles);
            var updated = current.SetItems(current.Select(p =>
                new KeyValuePair<string, IrisStyle>(p.Key, p.Value with
                {
                    Price = Math.Round(p.Value.Price * (1 + percent / 100m), 2),
                })));

            if (ReferenceEquals(Interlocked.CompareExchange(ref _styles, updated, current), current))
                return;
        }
    }

    public void LoadPriceList(IEnumerable<IrisStyle> styles)
    {
        var fresh = styles.ToImmutableDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);
        Interlocked.Exchange(ref _styles, fresh);
    }
}
