using System.Collections.Concurrent;

namespace Blind44.BonsaiNursery.Repotting;

public sealed record RepotJob(string TreeTag, string Species, int PotSizeCm, bool RootPrune);

public sealed record RepotResult(string TreeTag, string Bench, TimeSpan Took, bool Succeeded);

/// <summary>
/// Spring repotting run: the order desk feeds jobs in while a fixed crew of benches works through
/// them. Progress is reported to the nursery manager's screen.
/// </summary>
public sealed class RepottingRun
{
    private readonly BlockingCollection<RepotJob> _jobs = new(boundedCapacity: 50);
    private readonly ConcurrentBag<RepotResult> _results = new();
    private readonly string[] _benches;
    private int _completed;

    public RepottingRun(IEnumerable<string> benches) => _benches = benches.ToArray();

    public void Add(RepotJob job) => _jobs.Add(job);

    public void NoMoreJobs() => _jobs.CompleteAdding();

    public async Task<IReadOnlyList<RepotResult>> RunAsync(IProgress<int> progress, CancellationToken ct)
    {
        var crews = _benches
            .Select(bench => Task.Factory.StartNew(() => WorkBench(bench, progress, ct),
                ct, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();

        await Task.WhenAll(crews);
        return _results.OrderBy(r => r.TreeTag, StringComparer.Ordinal).ToList();
    }

    private void WorkBench(string bench, IProgress<int> progress, CancellationToken ct)
    {
        foreach (var job in _jobs.GetConsumingEnumerable(ct))
        {
            var started = DateTime.UtcNow;
            bool ok = Repot(job);
            _results.Add(new RepotResult(job.TreeTag, bench, DateTime.UtcNow - started, ok));
            progress.Report(Interlocked.Increment(ref _completed));
        }
    }

    private static bool Repot(RepotJob job)
    {
        Thread.Sleep(job.RootPrune ? 40 : 20);
        return job.PotSizeCm > 5;
    }
}

/// <summary>Progress sink for the manager's screen; reports can arrive from several benches at once.</summary>
public sealed class RepotProgressBoard : IProgress<int>
{
    private readonly object _gate = new();
    private readonly int _expected;
    private int _highest;
    private DateTime _lastUpdateUtc;

    public RepotProgressBoard(int expected) => _expected = expected;

    public void Report(int completed)
    {
        lock (_gate)
        {
            if (completed <= _highest)
                return;
            _highest = completed;
            _lastUpdateUtc = DateTime.UtcNow;
        }
    }

    public (int Percent, DateTime LastUpdateUtc) Current
    {
        get
        {
            lock (_gate)
                return (_expected == 0 ? 100 : _highest * 100 / _expected, _lastUpdateUtc);
        }
    }
}
