using System.Collections.Concurrent;

namespace Blind50.SaltWorks.Packing;

public sealed record SaltTray(int TrayNumber, string Pan, double Kilograms, double MoisturePercent);

public sealed record PackingSummary(int Bags, double Kilograms, int Rejected);

/// <summary>
/// Packing line at the salt works: the raking crew's scanner puts trays on the line and a fixed
/// number of packers bag them. Each packer keeps its own tally, which is combined after the
/// line has been drained at the end of the shift.
/// </summary>
public sealed class PackingLine : IDisposable
{
    private sealed class PackerTally
    {
        public int Bags;
        public double Kilograms;
        public int Rejected;
    }

    private readonly BlockingCollection<SaltTray> _trays = new(boundedCapacity: 200);
    private readonly PackerTally[] _tallies;
    private readonly Thread[] _packers;
    private readonly double _bagKilograms;
    private readonly double _maxMoisture;

    public PackingLine(int packers, double bagKilograms, double maxMoisture)
    {
        _bagKilograms = bagKilograms;
        _maxMoisture = maxMoisture;
        _tallies = Enumerable.Range(0, packers).Select(_ => new PackerTally()).ToArray();
        _packers = Enumerable.Range(0, packers)
            .Select(i => new Thread(() => Pack(_tallies[i])) { IsBackground = true, Name = $"packer-{i}" })
            .ToArray();

        foreach (var packer in _packers)
        {
            packer.Start();
        }
    }

    /// <summary>Called by the scanner for each tray coming off the pans.</summary>
    public bool TryLoad(SaltTray tray, TimeSpan wait) => _trays.TryAdd(tray, wait);

    private void Pack(PackerTally tally)
    {
        var leftover = 0.0;
        foreach (var tray in _trays.GetConsumingEnumerable())
        {
            if (tray.MoisturePercent > _maxMoisture)
            {
                tally.Rejected++;
                continue;
            }

            leftover += tray.Kilograms;
            while (leftover >= _bagKilograms)
            {
                leftover -= _bagKilograms;
                tally.Bags++;
                tally.Kilograms += _bagKilograms;
            }
        }
    }

    /// <summary>Stops accepting trays, waits for the packers to finish and totals the shift.</summary>
    public PackingSummary EndShift()
    {
        _trays.CompleteAdding();
        foreach (var packer in _packers)
        {
            packer.Join();
        }

        return new PackingSummary(
            _tallies.Sum(t => t.Bags),
            _tallies.Sum(t => t.Kilograms),
            _tallies.Sum(t => t.Rejected));
    }

    public void Dispose() => _trays.Dispose();
}
