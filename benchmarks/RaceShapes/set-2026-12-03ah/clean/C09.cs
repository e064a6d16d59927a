using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;

namespace Blind34.Bonsai.Watering;

public sealed record WateringVisit(string Bench, string Tree, string Staff, DateTimeOffset At);

/// <summary>
/// Recent watering visits across the nursery benches, kept for the morning
/// briefing screen. Registered as a singleton; the staff handheld endpoint
/// records visits while the briefing page lists them.
/// </summary>
public sealed class WateringJournal
{
    private readonly int _capacity;
    private ImmutableQueue<WateringVisit> _visits = ImmutableQueue<WateringVisit>.Empty;
    private int _length;

    public WateringJournal(int capacity = 200) => _capacity = capacity;

    public void Record(WateringVisit visit)
    {
        ImmutableInterlocked.Update(ref _visits, q =>
        {
            var next = q.Enqueue(visit);
            var count = next.Count();
            while (count > _capacity)
            {
                next = next.Dequeue();
                count--;
            }

            return next;
        });
        Interlocked.Increment(ref _length);
    }

    public int TotalRecorded => Volatile.Read(ref _length);

    public IReadOnlyList<WateringVisit> ForBench(string bench) =>
        Volatile.Read(ref _visits).Where(v => v.Bench == bench).ToList();

    public IReadOnlyList<WateringVisit> Latest(int n)
    {
        var snapshot = Volatile.Read(ref _visits).ToArray();
        return snapshot.Skip(Math.Max(0, snapshot.Length - n)).Reverse().ToList();
    }
}

public static class WateringServices
{
    public static IServiceCollection AddWateringJournal(this IServiceCollection services) =>
        services.AddSingleton<WateringJournal>();
}

public sealed class HandheldEndpoint
{
    private readonly WateringJournal _journal;

    public HandheldEndpoint(WateringJournal journal) => _journal = journal;

    public void Watered(string bench, string tree, string staff) =>
        _journal.Record(new WateringVisit(bench, tree, staff, DateTimeOffset.UtcNow));

    public string Briefing() =>
        $"{_journal.TotalRecorded} visits logged; last: " +
        string.Join("; ", _journal.Latest(5).Select(v => $"{v.Tree} on {v.Bench} by {v.Staff}"));
}
