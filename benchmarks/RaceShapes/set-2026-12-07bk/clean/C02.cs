using System.Collections.Immutable;

namespace Blind63.OrganBuilders.Stoplist;

public sealed record Stop(string Division, string Name, int FootPitch, int Pipes);

/// <summary>
/// Stoplist of an organ under construction. Read by the console wiring
/// generator and the pipe-making schedule on many threads; edited occasionally
/// by the designer.
/// </summary>
public sealed class StoplistCatalogue
{
    private ImmutableDictionary<string, ImmutableList<Stop>> _byDivision =
        ImmutableDictionary<string, ImmutableList<Stop>>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public void AddStop(Stop stop)
    {
        while (true)
        {
            var current = Volatile.Read(ref _byDivision);
            var stops = current.TryGetValue(stop.Division, out var existing) ? existing : ImmutableList<Stop>.Empty;
            var updated = current.SetItem(stop.Division, stops.Add(stop));

            if (ReferenceEquals(Interlocked.CompareExchange(ref _byDivision, updated, current), current))
            {
                return;
            }
        }
    }

    public bool RemoveStop(string division, string name)
    {
        bool removed = false;
        ImmutableInterlocked.Update(ref _byDivision, current =>
        {
            removed = false;
            if (!current.TryGetValue(division, out var stops))
            {
                return current;
            }
            var remaining = stops.RemoveAll(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
            removed = remaining.Count != stops.Count;
            return remaining.IsEmpty ? current.Remove(division) : current.SetItem(division, remaining);
        });
        return removed;
    }

    public IReadOnlyList<Stop> Division(string division) =>
        Volatile.Read(ref _byDivision).TryGetValue(division, out var stops) ? stops : ImmutableList<Stop>.Empty;

    public int TotalPipes()
    {
        var snapshot = Volatile.Read(ref _byDivision);
        return snapshot.Values.Sum(list => list.Sum(s => s.Pipes));
    }
}

public static class PipeSchedule
{
    public static IEnumerable<string> Lines(StoplistCatalogue catalogue, IEnumerable<string> divisions) =>
        divisions.AsParallel().AsOrdered()
            .SelectMany(d => catalogue.Division(d).Select(s => $"{d}: {s.Name} {s.FootPitch}' ({s.Pipes} pipes)"))
            .ToList();
}
