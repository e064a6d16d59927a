using System.Collections.Concurrent;

namespace Orchard.Pollination;

public sealed record HiveVisit(string HiveId, string BlockRow, DateTime At, int ForagersOut, int ForagersBack);

/// <summary>
/// Collects entrance-counter readings from the hives placed in the orchard during
/// bloom. Each hive's gateway posts readings on its own connection, and the
/// grower dashboard asks for per-hive summaries while bloom is in progress.
/// Registered as a singleton.
/// </summary>
public sealed class PollinationLedger
{
    private readonly ConcurrentDictionary<string, List<HiveVisit>> _visitsByHive = new(StringComparer.Ordinal);
    private long _totalReadings;

    public long TotalReadings => Interlocked.Read(ref _totalReadings);

    public void Record(HiveVisit visit)
    {
        var visits = _visitsByHive.GetOrAdd(visit.HiveId, _ => new List<HiveVisit>());
        visits.Add(visit);
        Interlocked.Increment(ref _totalReadings);
    }

    public HiveSummary Summarize(string hiveId)
    {
        if (!_visitsByHive.TryGetValue(hiveId, out var visits))
        {
            return new HiveSummary(hiveId, 0, 0, null);
        }

        int trips = 0;
        int readings = 0;
        DateTime? last = null;
        foreach (var v in visits)
        {
            trips += Math.Min(v.ForagersOut, v.ForagersBack);
            readings++;
            if (last is null || v.At > last) last = v.At;
        }
        return new HiveSummary(hiveId, readings, trips, last);
    }

    public IEnumerable<string> Hives => _visitsByHive.Keys;

    public void EndOfBloom(string hiveId) => _visitsByHive.TryRemove(hiveId, out _);
}

public sealed record HiveSummary(string HiveId, int Readings, int ForagingTrips, DateTime? LastReading);

public sealed class HiveGateway
{
    private readonly PollinationLedger _ledger;

    public HiveGateway(PollinationLedger ledger) => _ledger = ledger;

    public async Task PumpAsync(string hiveId, string row, IAsyncEnumerable<(int Out, int Back)> counter, CancellationToken ct)
    {
        await foreach (var (outCount, backCount) in counter.WithCancellation(ct))
        {
            _ledger.Record(new HiveVisit(hiveId, row, DateTime.UtcNow, outCount, backCount));
        }
    }
}
