namespace Blind61.TelescopeMirrors;

public readonly record struct GrindProgress(int Pass, int TotalPasses, double SagittaMicrons);

/// <summary>
/// Progress sink for a grinding run. Reports arrive on whichever thread-pool thread is
/// running the current pass; the workshop display reads the latest one.
/// </summary>
public sealed class LatestGrindProgress : IProgress<GrindProgress>
{
    private readonly object _sync = new();
    private GrindProgress _latest;
    private int _reports;

    public void Report(GrindProgress value)
    {
        lock (_sync)
        {
            if (value.Pass < _latest.Pass)
                return;   // an older pass finishing late
            _latest = value;
            _reports++;
        }
    }

    public (GrindProgress Latest, int Reports) Read()
    {
        lock (_sync)
        {
            return (_latest, _reports);
        }
    }
}

/// <summary>
/// Runs the grinding machine through its passes for a mirror blank, measuring the sagitta
/// after each pass with the spherometer on a worker thread.
/// </summary>
public sealed class MirrorGrindingRun
{
    private readonly Func<int, CancellationToken, Task> _grindPass;
    private readonly Func<CancellationToken, Task<double>> _measureSagitta;

    public MirrorGrindingRun(Func<int, CancellationToken, Task> grindPass, Func<CancellationToken, Task<double>> measureSagitta)
    {
        _grindPass = grindPass;
        _measureSagitta = measureSagitta;
    }

    public async Task<double> RunAsync(double targetSagittaMicrons, int maxPasses, IProgress<GrindProgress> progress, CancellationToken ct)
    {
        double sagitta = 0;
        for (var pass = 1; pass <= maxPasses; pass++)
        {
            await _grindPass(pass, ct).ConfigureAwait(false);
            sagitta = await Task.Run(() => _measureSagitta(ct), ct).ConfigureAwait(false);
            progress.Report(new GrindProgress(pass, maxPasses, sagitta));
            if (sagitta >= targetSagittaMicrons)
                break;
        }
        return sagitta;
    }

    /// <summary>Grinds a batch of blanks on separate machines at once.</summary>
    public static async Task<double[]> RunManyAsync(IReadOnlyList<MirrorGrindingRun> machines, double target, IProgress<GrindProgress> progress, CancellationToken ct)
    {
        var tasks = machines.Select(m => m.RunAsync(target, 40, progress, ct));
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
