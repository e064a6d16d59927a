using System.Collections.Immutable;

namespace Blind28.Lighthouse.Rota;

public sealed record Watch(string Keeper, DateTime Start, DateTime End, string Station);

/// <summary>
/// The keepers' watch rota across the district's stations. Read constantly by the relief
/// boat scheduler and the radio room; edited from the district office.
/// </summary>
public sealed class WatchRota
{
    private ImmutableList<Watch> _watches = ImmutableList<Watch>.Empty;

    public IReadOnlyList<Watch> Current => Volatile.Read(ref _watches);

    public bool TryAdd(Watch watch)
    {
        while (true)
        {
            var current = Volatile.Read(ref _watches);
            if (current.Any(w => w.Keeper == watch.Keeper && w.Start < watch.End && watch.Start < w.End))
            {
                return false;
            }

            var updated = current.Add(watch);
            if (Interlocked.CompareExchange(ref _watches, updated, current) == current)
            {
                return true;
            }
        }
    }

    public int RemoveKeeper(string keeper)
    {
        while (true)
        {
            var current = Volatile.Read(ref _watches);
            var updated = current.RemoveAll(w => w.Keeper == keeper);
            if (Interlocked.CompareExchange(ref _watches, updated, current) == current)
            {
                return current.Count - updated.Count;
            }
        }
    }

    public Watch? OnDuty(string station, DateTime at)
    {
        var snapshot = Volatile.Read(ref _watches);
        return snapshot.FirstOrDefault(w => w.Station == station && w.Start <= at && at < w.End);
    }
}

/// <summary>Works out which stations need a relief landing in the coming days.</summary>
public sealed class ReliefScheduler
{
    private readonly WatchRota _rota;

    public ReliefScheduler(WatchRota rota) => _rota = rota;

    public IReadOnlyList<string> StationsWithGaps(IEnumerable<string> stations, DateTime from, int days)
    {
        var watches = _rota.Current;
        return stations
            .AsParallel()
            .Where(station =>
            {
                for (var hour = 0; hour < days * 24; hour++)
                {
                    var at = from.AddHours(hour);
                    if (!watches.Any(w => w.Station == station && w.Start <= at && at < w.End))
                    {
                        return true;
                    }
                }

                return false;
            })
            .OrderBy(s => s)
            .ToList();
    }
}
