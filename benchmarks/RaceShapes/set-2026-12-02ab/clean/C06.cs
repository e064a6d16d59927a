using System.Threading.Channels;

namespace Blind28.SailLoft.Finishing;

public sealed record FinishingJob(string SailId, int Grommets, double SeamMetres, bool NeedsBoltRope);

public sealed record FinishingReport(int SailsFinished, long GrommetsSet, double SeamMetresStitched);

/// <summary>
/// Runs the finishing benches for a day: grommets, bolt ropes and seam stitching.
/// Jobs are posted by the cutting floor and picked up by whichever bench is free.
/// </summary>
public sealed class FinishingFloor
{
    private readonly Channel<FinishingJob> _jobs = Channel.CreateUnbounded<FinishingJob>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    private int _sailsFinished;
    private long _grommetsSet;

    public ChannelWriter<FinishingJob> Jobs => _jobs.Writer;

    public int SailsFinishedSoFar => Volatile.Read(ref _sailsFinished);

    public async Task<FinishingReport> RunDayAsync(int benches, CancellationToken ct)
    {
        var benchTasks = Enumerable.Range(1, benches)
            .Select(bench => Task.Run(() => RunBenchAsync(bench, ct), ct))
            .ToArray();

        var seamPerBench = await Task.WhenAll(benchTasks);
        return new FinishingReport(Volatile.Read(ref _sailsFinished), Interlocked.Read(ref _grommetsSet), seamPerBench.Sum());
    }

    private async Task<double> RunBenchAsync(int bench, CancellationToken ct)
    {
        double seamMetres = 0;
        await foreach (var job in _jobs.Reader.ReadAllAsync(ct))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(job.Grommets * 2 + job.SeamMetres), ct);

            seamMetres += job.SeamMetres;
            if (job.NeedsBoltRope)
            {
                seamMetres += 0.5;
            }

            Interlocked.Add(ref _grommetsSet, job.Grommets);
            Interlocked.Increment(ref _sailsFinished);
        }

        return seamMetres;
    }
}
