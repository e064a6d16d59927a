using System.Collections.Concurrent;

namespace Blind24.BeaconTracking;

public sealed record BeaconFix(string BeaconId, double DistanceMetres, double BearingDegrees, DateTime ReceivedUtc, int Hits);

/// <summary>
/// Merges fixes reported by several searchers' transceivers into one best-known
/// position per buried beacon. Each searcher's uplink calls <see cref="Report"/>
/// from its own connection thread.
/// </summary>
public sealed class BeaconFixBoard
{
    private readonly ConcurrentDictionary<string, BeaconFix> _fixes = new();

    public BeaconFix Report(string beaconId, double distance, double bearing)
    {
        var now = DateTime.UtcNow;
        return _fixes.AddOrUpdate(
            beaconId,
            id => new BeaconFix(id, distance, bearing, now, 1),
            (_, existing) => distance < existing.DistanceMetres
                ? existing with { DistanceMetres = distance, BearingDegrees = bearing, ReceivedUtc = now, Hits = existing.Hits + 1 }
                : existing with { Hits = existing.Hits + 1 });
    }

    public bool MarkRecovered(string beaconId) => _fixes.TryRemove(beaconId, out _);

    public IReadOnlyList<BeaconFix> Closest(int count)
    {
        return _fixes.Values.OrderBy(f => f.DistanceMetres).Take(count).ToList();
    }
}

/// <summary>One searcher's transceiver connection.</summary>
public sealed class SearcherUplink
{
    private readonly BeaconFixBoard _board;
    private readonly string _searcher;

    public SearcherUplink(BeaconFixBoard board, string searcher)
    {
        _board = board;
        _searcher = searcher;
    }

    public Thread Start(IEnumerable<string> rawFrames)
    {
        var thread = new Thread(() =>
        {
            foreach (var frame in rawFrames)
            {
                var parts = frame.Split(';');
                if (parts.Length == 3
                    && double.TryParse(parts[1], out var d)
                    && double.TryParse(parts[2], out var b))
                {
                    _board.Report(parts[0], d, b);
                }
            }
        })
        {
            IsBackground = true,
            Name = $"uplink-{_searcher}",
        };
        thread.Start();
        return thread;
    }
}
