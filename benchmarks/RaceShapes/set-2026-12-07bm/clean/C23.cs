using System.Collections.Generic;

namespace Blind65.TypewriterRepair.Restoration;

public sealed record PartCleaned(string Part, TimeSpan Took);

/// <summary>
/// Tracks progress of an ultrasonic-bath clean across all the type bars and
/// linkages of one machine. Reports come straight from the worker tasks.
/// </summary>
public sealed class RestorationProgress : IProgress<PartCleaned>
{
    private readonly object _gate = new();
    private readonly List<PartCleaned> _done = new();
    private TimeSpan _totalTime;

    public void Report(PartCleaned part)
    {
        lock (_gate)
        {
            _done.Add(part);
            _totalTime += part.Took;
        }
    }

    public (int Parts, TimeSpan Total) Summary
    {
        get
        {
            lock (_gate)
            {
                return (_done.Count, _totalTime);
            }
        }
    }
}

public interface IUltrasonicBath
{
    Task CleanAsync(string part, CancellationToken token);
}

public sealed class TypewriterRestorer
{
    private readonly IUltrasonicBath _bath;

    public TypewriterRestorer(IUltrasonicBath bath) => _bath = bath;

    public async Task RestoreAsync(IReadOnlyList<string> parts, IProgress<PartCleaned> progress, CancellationToken token)
    {
        await Parallel.ForEachAsync(
            parts,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = token },
            async (part, ct) =>
            {
                var started = DateTime.UtcNow;
                await _bath.CleanAsync(part, ct).ConfigureAwait(false);
                progress.Report(new PartCleaned(part, DateTime.UtcNow - started));
            });
    }
}

public static class RestorationRun
{
    public static async Task<string> RunAsync(TypewriterRestorer restorer, IReadOnlyList<string> parts)
    {
        var progress = new RestorationProgress();
        await restorer.RestoreAsync(parts, progress, CancellationToken.None);
        var (count, total) = progress.Summary;
        return $"Cleaned {count} parts in {total.TotalMinutes:F0} bath-minutes";
    }
}
