using System.Collections.Concurrent;

namespace SkiResort.Gates;

public sealed record PassDayUsage(int Rides, string LastLift, DateTime LastScanUtc);

/// <summary>
/// Counts lift rides per pass for the day. Registered as a singleton in the gate service;
/// each turnstile's reader thread calls <see cref="RecordScan"/>, and the guest app's API
/// reads usage at the same time.
/// </summary>
public sealed class RideCounter
{
    private readonly ConcurrentDictionary<string, PassDayUsage> _usage = new(StringComparer.Ordinal);
    private long _totalRides;

    public PassDayUsage RecordScan(string passId, string liftId, DateTime scannedUtc)
    {
        Interlocked.Increment(ref _totalRides);
        return _usage.AddOrUpdate(
            passId,
            _ => new PassDayUsage(1, liftId, scannedUtc),
            (_, existing) => existing with
            {
                Rides = existing.Rides + 1,
                LastLift = liftId,
                LastScanUtc = scannedUtc > existing.LastScanUtc ? scannedUtc : existing.LastScanUtc,
            });
    }

    public PassDayUsage? Usage(string passId) => _usage.TryGetValue(passId, out var usage) ? usage : null;

    public long TotalRides => Interlocked.Read(ref _totalRides);

    public IReadOnlyList<(string PassId, int Rides)> TopRiders(int count) =>
        _usage.ToArray()
            .OrderByDescending(kv => kv.Value.Rides)
            .Take(count)
            .Select(kv => (kv.Key, kv.Value.Rides))
            .ToList();

    public void ResetForNewDay()
    {
        _usage.Clear();
        Interlocked.Exchange(ref _totalRides, 0);
    }
}

/// <summary>
/// Reader loop for one turnstile's RFID antenna.
/// </summary>
public sealed class TurnstileReader
{
    private readonly string _liftId;
    private readonly RideCounter _counter;
    private readonly Func<CancellationToken, string?> _readTag;

    public TurnstileReader(string liftId, RideCounter counter, Func<CancellationToken, string?> readTag)
    {
        _liftId = liftId;
        _counter = counter;
        _readTag = readTag;
    }

    public Thread Start(CancellationToken ct)
    {
        var thread = new Thread(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                var passId = _readTag(ct);
                if (passId is not null)
                {
                    _counter.RecordScan(passId, _liftId, DateTime.UtcNow);
                }
            }
        })
        { IsBackground = true, Name = $"Turnstile {_liftId}" };
        thread.Start();
        return thread;
    }
}
