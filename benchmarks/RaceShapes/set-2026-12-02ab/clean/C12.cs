using System.Collections.Concurrent;

namespace Blind28.CathedralOrgan.Pipework;

public sealed record PipeRepair(string Stop, int Note, string Work, double Hours);

public sealed record StopProgress(string Stop, int PipesRepaired, double Hours, DateTime LastUpdated);

/// <summary>
/// Running totals of pipe repairs per stop. Registered as a singleton in the workshop
/// portal; each voicer's bench posts repairs as they finish them.
/// </summary>
public sealed class PipeworkProgress
{
    private readonly ConcurrentDictionary<string, StopProgress> _stops = new(StringComparer.OrdinalIgnoreCase);
    private long _totalRepairs;

    public StopProgress Record(PipeRepair repair)
    {
        Interlocked.Increment(ref _totalRepairs);
        var now = DateTime.UtcNow;
        return _stops.AddOrUpdate(
            repair.Stop,
            static (stop, arg) => new StopProgress(stop, 1, arg.repair.Hours, arg.now),
            static (_, existing, arg) => existing with
            {
                PipesRepaired = existing.PipesRepaired + 1,
                Hours = existing.Hours + arg.repair.Hours,
                LastUpdated = arg.now,
            },
            (repair, now));
    }

    public long TotalRepairs => Interlocked.Read(ref _totalRepairs);

    public IReadOnlyList<StopProgress> Snapshot() =>
        _stops.Values.OrderByDescending(s => s.Hours).ToList();

    public StopProgress? ForStop(string stop) =>
        _stops.TryGetValue(stop, out var progress) ? progress : null;
}

public sealed class VoicingBench
{
    private readonly PipeworkProgress _progress;

    public VoicingBench(PipeworkProgress progress) => _progress = progress;

    public Task SubmitShiftAsync(IEnumerable<PipeRepair> repairs) =>
        Task.Run(() =>
        {
            foreach (var repair in repairs)
            {
                _progress.Record(repair);
            }
        });
}
