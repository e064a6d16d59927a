using System.Collections.Concurrent;

namespace ReefSurvey.Uploads;

public sealed record SurveyDive(string DiverId, string SiteId, TimeSpan BottomTime, double MaxDepthMetres, int BleachedColonies);

public sealed record SiteTotals(int Dives, TimeSpan BottomTime, int BleachedColonies);

/// <summary>
/// Running survey totals. Registered as a singleton; boat tablets upload dives through
/// the API concurrently and the field-lead dashboard polls <see cref="Totals"/>.
/// </summary>
public sealed class SurveyTotalsTracker
{
    private readonly object _sync = new();
    private readonly Dictionary<string, SiteTotals> _perSite = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<SurveyDive> _archive = new();
    private int _dives;
    private long _bottomTicks;
    private int _bleached;

    public bool Add(SurveyDive dive)
    {
        if (dive.BottomTime <= TimeSpan.Zero || dive.MaxDepthMetres > 40)
            return false;

        lock (_sync)
        {
            _dives++;
            _bottomTicks += dive.BottomTime.Ticks;
            _bleached += dive.BleachedColonies;

            _perSite.TryGetValue(dive.SiteId, out var site);
            _perSite[dive.SiteId] = site is null
                ? new SiteTotals(1, dive.BottomTime, dive.BleachedColonies)
                : new SiteTotals(site.Dives + 1, site.BottomTime + dive.BottomTime, site.BleachedColonies + dive.BleachedColonies);
        }

        _archive.Enqueue(dive);
        return true;
    }

    public SiteTotals Totals()
    {
        lock (_sync)
        {
            return new SiteTotals(_dives, TimeSpan.FromTicks(_bottomTicks), _bleached);
        }
    }

    public IReadOnlyDictionary<string, SiteTotals> PerSite()
    {
        lock (_sync)
        {
            return new Dictionary<string, SiteTotals>(_perSite, StringComparer.OrdinalIgnoreCase);
        }
    }

    public int ArchiveTo(ICollection<SurveyDive> sink)
    {
        int moved = 0;
        while (_archive.TryDequeue(out var dive))
        {
            sink.Add(dive);
            moved++;
        }
        return moved;
    }
}
