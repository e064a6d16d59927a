using System.Collections.Concurrent;

namespace Blind37.PigeonRacing.Clocking;

public sealed record LoftInfo(string LoftId, double LatitudeDeg, double LongitudeDeg, double DistanceToLiberationKm);

public sealed record Arrival(string RingNumber, string LoftId, DateTime ClockedUtc, double VelocityMpm);

/// <summary>
/// Receives electronic clocking events from member lofts on a flying day and keeps the
/// provisional result. The clocking webhook calls it from many request threads at once.
/// Registered as a singleton.
/// </summary>
public sealed class ClockingDayResults
{
    private readonly DateTime _liberationUtc;
    private readonly Func<string, LoftInfo> _lookupLoft;
    private readonly ConcurrentDictionary<string, Lazy<LoftInfo>> _lofts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Arrival> _firstArrivalByRing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _birdsClockedByLoft = new(StringComparer.Ordinal);
    private int _totalClocked;
    private int _duplicateClocks;

    public ClockingDayResults(DateTime liberationUtc, Func<string, LoftInfo> lookupLoft)
    {
        _liberationUtc = liberationUtc;
        _lookupLoft = lookupLoft;
    }

    public int TotalClocked => Volatile.Read(ref _totalClocked);

    public int DuplicateClocks => Volatile.Read(ref _duplicateClocks);

    public Arrival Clock(string ringNumber, string loftId, DateTime clockedUtc)
    {
        var loft = _lofts.GetOrAdd(loftId, id => new Lazy<LoftInfo>(() => _lookupLoft(id))).Value;
        var minutes = (clockedUtc - _liberationUtc).TotalMinutes;
        var velocity = minutes <= 0 ? 0 : loft.DistanceToLiberationKm * 1000 / minutes;
        var candidate = new Arrival(ringNumber, loftId, clockedUtc, velocity);

        var stored = _firstArrivalByRing.GetOrAdd(ringNumber, candidate);
        if (ReferenceEquals(stored, candidate))
        {
            Interlocked.Increment(ref _totalClocked);
            _birdsClockedByLoft.AddOrUpdate(loftId, 1, (_, count) => count + 1);
        }
        else
        {
            // A bird's ring can be read twice by the trapping antenna; only the first counts.
            Interlocked.Increment(ref _duplicateClocks);
        }
        return stored;
    }

    public IReadOnlyList<Arrival> ProvisionalResult(int top) =>
        _firstArrivalByRing.Values.OrderByDescending(a => a.VelocityMpm).Take(top).ToArray();

    public int BirdsClocked(string loftId) => _birdsClockedByLoft.GetValueOrDefault(loftId);
}
