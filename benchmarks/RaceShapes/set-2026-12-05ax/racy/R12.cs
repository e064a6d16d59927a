namespace Blind50.WindTunnel.Analysis;

public sealed record PressureSample(int TapIndex, double Pascals, double AngleOfAttack);

public sealed class DragSummary
{
    public double TotalForce { get; set; }
    public int SampleCount { get; set; }
    public double PeakPascals { get; set; }
}

/// <summary>
/// Integrates pressure-tap readings from a wind tunnel run into a total drag estimate.
/// Runs contain millions of samples, so the work is spread over the thread pool with
/// per-worker partial sums.
/// </summary>
public sealed class DragIntegrator
{
    private readonly double[] _tapAreas;
    private readonly double _freeStreamPressure;

    public DragIntegrator(double[] tapAreas, double freeStreamPressure)
    {
        _tapAreas = tapAreas;
        _freeStreamPressure = freeStreamPressure;
    }

    public DragSummary Integrate(IReadOnlyList<PressureSample> samples, CancellationToken cancellationToken)
    {
        var summary = new DragSummary();
        var options = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = Environment.ProcessorCount,
        };

        Parallel.ForEach(
            samples,
            options,
            () => (Force: 0.0, Count: 0, Peak: double.MinValue),
            (sample, _, partial) =>
            {
                var delta = sample.Pascals - _freeStreamPressure;
                var area = _tapAreas[sample.TapIndex];
                var force = delta * area * Math.Cos(sample.AngleOfAttack * Math.PI / 180.0);
                return (partial.Force + force, partial.Count + 1, Math.Max(partial.Peak, sample.Pascals));
            },
            partial =>
            {
                summary.TotalForce += partial.Force;
                summary.SampleCount += partial.Count;
                if (partial.Peak > summary.PeakPascals)
                {
                    summary.PeakPascals = partial.Peak;
                }
            });

        return summary;
    }
}

/// <summary>Command-line entry for post-processing a run file.</summary>
public static class DragReportTool
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: drag-report <areas.csv> <run.csv>");
            return 2;
        }

        var areas = File.ReadLines(args[0]).Select(double.Parse).ToArray();
        var samples = File.ReadLines(args[1])
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(p => new PressureSample(int.Parse(p[0]), double.Parse(p[1]), double.Parse(p[2])))
            .ToList();

        var integrator = new DragIntegrator(areas, freeStreamPressure: 101_325);
        var summary = integrator.Integrate(samples, CancellationToken.None);
        Console.WriteLine($"samples={summary.SampleCount} drag={summary.TotalForce:F2}N peak={summary.PeakPascals:F0}Pa");
        return 0;
    }
}
