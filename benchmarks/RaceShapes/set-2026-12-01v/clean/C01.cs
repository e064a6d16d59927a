using System.Collections.Concurrent;

namespace Blind22.Seismograph.EventCatalog;

public sealed record WaveformFile(string StationCode, string Path, DateOnly Day);

public sealed record DetectedEvent(string StationCode, DateTimeOffset OnsetUtc, double StaLtaRatio);

/// <summary>
/// Re-runs the STA/LTA trigger over a day of archived waveforms from every station on
/// the volcano and builds a per-station event count for the weekly bulletin.
/// </summary>
public sealed class ArchiveRetrigger
{
    private readonly Func<WaveformFile, IEnumerable<DetectedEvent>> _detector;
    private readonly ConcurrentDictionary<string, int> _countsByStation = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentBag<DetectedEvent> _strongEvents = new();
    private long _filesScanned;

    public ArchiveRetrigger(Func<WaveformFile, IEnumerable<DetectedEvent>> detector)
    {
        _detector = detector;
    }

    public long FilesScanned => Interlocked.Read(ref _filesScanned);

    public void Run(IEnumerable<WaveformFile> files, double strongThreshold, CancellationToken ct)
    {
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };

        Parallel.ForEach(files, options, file =>
        {
            var found = 0;
            foreach (var ev in _detector(file))
            {
                found++;
                if (ev.StaLtaRatio >= strongThreshold)
                {
                    _strongEvents.Add(ev);
                }
            }

            _countsByStation.AddOrUpdate(file.StationCode, found, (_, existing) => existing + found);
            Interlocked.Increment(ref _filesScanned);
        });
    }

    public IReadOnlyDictionary<string, int> CountsByStation()
        => _countsByStation.ToDictionary(kv => kv.Key, kv => kv.Value);

    public IReadOnlyList<DetectedEvent> StrongestEvents(int take)
        => _strongEvents.OrderByDescending(e => e.StaLtaRatio).Take(take).ToList();
}
