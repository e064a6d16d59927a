using System.Collections.Concurrent;

namespace Blind58.HotSauceLab;

public sealed record SauceSample(string BatchId, string Pepper, double CapsaicinPpm);

public sealed record HeatResult(string BatchId, int Scoville, bool WithinSpec);

/// <summary>Console progress bar for the lab's batch-testing command line tool.</summary>
public sealed class ConsoleProgressBar : IProgress<int>
{
    private readonly object _sync = new();
    private readonly int _total;
    private readonly TextWriter _out;
    private int _lastPercent = -1;

    public ConsoleProgressBar(int total, TextWriter output)
    {
        _total = Math.Max(1, total);
        _out = output;
    }

    public void Report(int completed)
    {
        int percent = (int)(100L * completed / _total);
        lock (_sync)
        {
            if (percent <= _lastPercent) return;
            _lastPercent = percent;
            _out.Write($"\r[{new string('#', percent / 5),-20}] {percent,3}%");
        }
    }
}

/// <summary>
/// Runs heat tests for a day's worth of hot sauce batches against the lab instrument's
/// API, several at a time.
/// </summary>
public sealed class HeatTestRunner
{
    private readonly Func<SauceSample, CancellationToken, Task<double>> _measure;
    private readonly int _maxParallel;

    public HeatTestRunner(Func<SauceSample, CancellationToken, Task<double>> measure, int maxParallel = 4)
    {
        _measure = measure;
        _maxParallel = maxParallel;
    }

    public async Task<IReadOnlyList<HeatResult>> RunAsync(IReadOnlyList<SauceSample> samples, IProgress<int> progress, CancellationToken cancellationToken)
    {
        var results = new ConcurrentBag<HeatResult>();
        int completed = 0;

        var options = new ParallelOptions { MaxDegreeOfParallelism = _maxParallel, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(samples, options, async (sample, ct) =>
        {
            double ppm = await _measure(sample, ct).ConfigureAwait(false);
            int scoville = (int)Math.Round(ppm * 16);
            results.Add(new HeatResult(sample.BatchId, scoville, scoville is >= 2_000 and <= 60_000));
            progress.Report(Interlocked.Increment(ref completed));
        }).ConfigureAwait(false);

        return results.OrderBy(r => r.BatchId, StringComparer.Ordinal).ToList();
    }
}

public static class HeatTestCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<SauceSample> samples, Func<SauceSample, CancellationToken, Task<double>> measure)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;

        IReadOnlyList<HeatResult> results;
        try
        {
            var runner = new HeatTestRunner(measure);
            results = await runner.RunAsync(samples, new ConsoleProgressBar(samples.Count, Console.Out), cts.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        Console.WriteLine();
        foreach (var r in results.Where(r => !r.WithinSpec))
        {
            Console.WriteLine($"{r.BatchId}: {r.Scoville} SHU out of spec");
        }

        return results.All(r => r.WithinSpec) ? 0 : 1;
    }
}
