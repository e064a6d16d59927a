using System.Collections.Concurrent;

namespace Blind45.Glassblowing.Annealing;

public sealed record AnnealJob(string PieceId, string Artist, double WallThicknessMm, double MassGrams);

public sealed record KilnLog(int KilnNumber, IReadOnlyList<string> Pieces, TimeSpan TotalSoak);

/// <summary>
/// Distributes finished pieces from the glory holes to the annealing kilns. Gaffers add
/// jobs as pieces come off the pipe; one thread per kiln takes jobs and runs its cycle.
/// </summary>
public sealed class AnnealingLine : IDisposable
{
    private readonly BlockingCollection<AnnealJob> _jobs = new(new ConcurrentQueue<AnnealJob>(), boundedCapacity: 24);
    private readonly Action<int, AnnealJob, TimeSpan> _runCycle;
    private readonly Task<KilnLog>[] _kilns;

    public AnnealingLine(int kilnCount, Action<int, AnnealJob, TimeSpan> runCycle)
    {
        _runCycle = runCycle;
        _kilns = new Task<KilnLog>[kilnCount];
        for (var i = 0; i < kilnCount; i++)
        {
            var kiln = i + 1;
            _kilns[i] = Task.Factory.StartNew(() => RunKiln(kiln), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    public bool TryAdd(AnnealJob job, TimeSpan wait) => _jobs.TryAdd(job, wait);

    /// <summary>Stops accepting pieces and waits for every kiln to finish its queue.</summary>
    public async Task<IReadOnlyList<KilnLog>> CloseAsync()
    {
        _jobs.CompleteAdding();
        return await Task.WhenAll(_kilns).ConfigureAwait(false);
    }

    private KilnLog RunKiln(int kiln)
    {
        var pieces = new List<string>();
        var soak = TimeSpan.Zero;

        foreach (var job in _jobs.GetConsumingEnumerable())
        {
            var cycle = SoakFor(job);
            _runCycle(kiln, job, cycle);
            pieces.Add(job.PieceId);
            soak += cycle;
        }

        return new KilnLog(kiln, pieces, soak);
    }

    private static TimeSpan SoakFor(AnnealJob job)
    {
        // Rule of thumb used in the studio: an hour per 6 mm of wall, at least 90 minutes.
        var hours = Math.Max(1.5, job.WallThicknessMm / 6.0);
        if (job.MassGrams > 3000)
        {
            hours *= 1.25;
        }

        return TimeSpan.FromHours(hours);
    }

    public void Dispose()
    {
        _jobs.CompleteAdding();
        Task.WaitAll(_kilns);
        _jobs.Dispose();
    }
}
