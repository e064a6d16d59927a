using System.Collections.Immutable;

namespace Blind43.LanternFestival.LaunchSites;

public sealed record SiteConditions(string Site, double WindKnots, bool Open, DateTimeOffset UpdatedAt);

/// <summary>
/// Live status of the festival's lantern launch sites. Stewards' radios push wind readings
/// from many connections at once; the public map and the marshals' app read the whole board.
/// </summary>
public sealed class LaunchSiteBoard
{
    private const double MaxSafeWindKnots = 10;

    private ImmutableDictionary<string, SiteConditions> _sites =
        ImmutableDictionary.Create<string, SiteConditions>(StringComparer.OrdinalIgnoreCase);

    private ImmutableQueue<string> _closures = ImmutableQueue<string>.Empty;

    public void ReportWind(string site, double windKnots, DateTimeOffset at)
    {
        var open = windKnots <= MaxSafeWindKnots;
        var updated = ImmutableInterlocked.AddOrUpdate(
            ref _sites,
            site,
            _ => new SiteConditions(site, windKnots, open, at),
            (_, existing) => existing.UpdatedAt > at ? existing : new SiteConditions(site, windKnots, open, at));

        if (!open && updated.UpdatedAt == at)
        {
            ImmutableInterlocked.Enqueue(ref _closures, $"{at:HH:mm} {site} closed ({windKnots:0.#} kn)");
        }
    }

    public void CloseSite(string site, DateTimeOffset at)
    {
        ImmutableInterlocked.Update(ref _sites, sites =>
            sites.TryGetValue(site, out var current)
                ? sites.SetItem(site, current with { Open = false, UpdatedAt = at })
                : sites);
        ImmutableInterlocked.Enqueue(ref _closures, $"{at:HH:mm} {site} closed by steward");
    }

    /// <summary>All sites and their latest conditions.</summary>
    public ImmutableDictionary<string, SiteConditions> Snapshot() => Volatile.Read(ref _sites);

    public IReadOnlyList<string> OpenSites() =>
        Snapshot().Values.Where(s => s.Open).Select(s => s.Site).OrderBy(s => s, StringComparer.Ordinal).ToList();

    /// <summary>Takes pending closure announcements for the PA system.</summary>
    public IReadOnlyList<string> TakeAnnouncements()
    {
        var taken = new List<string>();
        while (ImmutableInterlocked.TryDequeue(ref _closures, out var line))
        {
            taken.Add(line);
        }

        return taken;
    }
}
