using System.Collections.Concurrent;

namespace Blind36.LanternFestival.Workshop;

public sealed record LanternKit(int Number, string Pattern, int Panels);

public sealed record AssemblyStats(int Assembled, int PanelsGlued, IReadOnlyList<string> Rejected);

/// <summary>
/// Lantern-making workshop for the festival: volunteers at the cutting tables add kits
/// to a tray, and one gluing station assembles them in order.
/// </summary>
public sealed class GluingStation
{
    private readonly BlockingCollection<LanternKit> _tray = new(boundedCapacity: 50);
    private readonly Thread _worker;

    private int _assembled;
    private int _panelsGlued;
    private readonly List<string> _rejected = new();

    public GluingStation()
    {
        _worker = new Thread(Work) { IsBackground = true, Name = "gluing-station" };
        _worker.Start();
    }

    /// <summary>Called by any cutting table.</summary>
    public void Deliver(LanternKit kit) => _tray.Add(kit);

    public AssemblyStats FinishAndReport()
    {
        _tray.CompleteAdding();
        _worker.Join();
        return new AssemblyStats(_assembled, _panelsGlued, _rejected.ToList());
    }

    private void Work()
    {
        foreach (var kit in _tray.GetConsumingEnumerable())
        {
            if (kit.Panels < 3)
            {
                _rejected.Add($"Kit {kit.Number} ({kit.Pattern}): too few panels");
                continue;
            }

            _panelsGlued += kit.Panels;
            _assembled++;
        }
    }
}

public static class CuttingTables
{
    public static AssemblyStats RunEvening(IReadOnlyList<string> patterns, int tables, int kitsPerTable)
    {
        var station = new GluingStation();
        int nextNumber = 0;

        var cutters = Enumerable.Range(0, tables).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < kitsPerTable; i++)
            {
                int number = Interlocked.Increment(ref nextNumber);
                var pattern = patterns[(t + i) % patterns.Count];
                station.Deliver(new LanternKit(number, pattern, 2 + (number % 6)));
            }
        })).ToArray();

        Task.WaitAll(cutters);
        return station.FinishAndReport();
    }
}
