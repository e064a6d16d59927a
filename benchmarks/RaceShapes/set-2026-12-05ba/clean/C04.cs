namespace Blind53.OrchestraTuning.Metrics;

public sealed record DeviationExport(string Section, double[] UpperBoundsCents, long[] Counts, long Total);

/// <summary>
/// Histogram of pitch deviations (in cents) measured by the tuning microphones.
/// The microphones' analysis threads call <see cref="Record"/>; the exporter collects
/// delta counts every few seconds.
/// </summary>
public sealed class PitchDeviationHistogram
{
    private readonly double[] _upperBounds;
    private readonly long[] _counts;

    public PitchDeviationHistogram(string section, double[] upperBoundsCents)
    {
        Section = section;
        _upperBounds = (double[])upperBoundsCents.Clone();
        Array.Sort(_upperBounds);
        _counts = new long[_upperBounds.Length + 1];
    }

    public string Section { get; }

    public void Record(double deviationCents)
    {
        int index = Array.BinarySearch(_upperBounds, Math.Abs(deviationCents));
        if (index < 0)
        {
            index = ~index;
        }

        Interlocked.Increment(ref _counts[index]);
    }

    /// <summary>Returns the counts recorded since the previous export and resets them.</summary>
    public DeviationExport ExportDelta()
    {
        var counts = new long[_counts.Length];
        long total = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Exchange(ref _counts[i], 0);
            total += counts[i];
        }

        return new DeviationExport(Section, _upperBounds, counts, total);
    }
}

/// <summary>
/// Sends histogram deltas to the rehearsal dashboard.
/// </summary>
public sealed class TuningMetricsExporter : IAsyncDisposable
{
    private readonly IReadOnlyList<PitchDeviationHistogram> _histograms;
    private readonly Func<DeviationExport, Task> _send;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TuningMetricsExporter(IReadOnlyList<PitchDeviationHistogram> histograms, Func<DeviationExport, Task> send)
    {
        _histograms = histograms;
        _send = send;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var histogram in _histograms)
                {
                    await _send(histogram.ExportDelta()).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        foreach (var histogram in _histograms)
        {
            await _send(histogram.ExportDelta()).ConfigureAwait(false);
        }
    }
}
