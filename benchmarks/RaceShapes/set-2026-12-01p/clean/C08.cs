using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Blind16.TollRoad.Classification;

public sealed record AxleScan(string GantryId, string Plate, int Axles, double LengthM, DateTimeOffset At);

public sealed record ClassReport(IReadOnlyDictionary<string, int> ScansByClass, int Disputed);

/// <summary>
/// Classifies vehicles from gantry axle scanners. Scanner drivers add scans from their
/// own threads; a single classification thread consumes them.
/// </summary>
public sealed class AxleClassifier : IDisposable
{
    private readonly BlockingCollection<AxleScan> _scans = new(boundedCapacity: 5000);
    private readonly Dictionary<string, int> _countsByClass = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lastAxlesByPlate = new(StringComparer.OrdinalIgnoreCase);
    private readonly Thread _worker;
    private int _disputed;

    public AxleClassifier()
    {
        _worker = new Thread(Consume) { IsBackground = true, Name = "axle-classifier" };
        _worker.Start();
    }

    public bool TryAdd(AxleScan scan, int timeoutMs = 50) => _scans.TryAdd(scan, timeoutMs);

    /// <summary>
    /// Stops intake, waits for the backlog to be classified and returns the totals.
    /// </summary>
    public ClassReport Finish()
    {
        _scans.CompleteAdding();
        _worker.Join();
        return new ClassReport(new Dictionary<string, int>(_countsByClass), _disputed);
    }

    private void Consume()
    {
        foreach (var scan in _scans.GetConsumingEnumerable())
        {
            var vehicleClass = Classify(scan);
            _countsByClass.TryGetValue(vehicleClass, out var n);
            _countsByClass[vehicleClass] = n + 1;

            if (_lastAxlesByPlate.TryGetValue(scan.Plate, out var previousAxles) && previousAxles != scan.Axles)
            {
                // Same plate seen with a different axle count: trailer or cloned plate.
                _disputed++;
            }

            _lastAxlesByPlate[scan.Plate] = scan.Axles;
        }
    }

    private static string Classify(AxleScan scan) => scan.Axles switch
    {
        <= 2 when scan.LengthM < 2.6 => "motorcycle",
        2 when scan.LengthM < 5.5 => "car",
        2 => "van",
        3 or 4 => "rigid-hgv",
        _ => "artic-hgv",
    };

    public void Dispose()
    {
        if (!_scans.IsAddingCompleted)
        {
            _scans.CompleteAdding();
            _worker.Join();
        }
        _scans.Dispose();
    }
}
