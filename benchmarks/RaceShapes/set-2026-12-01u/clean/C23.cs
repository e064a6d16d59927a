namespace Circus.Rigging;

public sealed record RiggingPoint(string Id, double RatedLoadKg, double MeasuredLoadKg, int AgeMonths);

/// <summary>
/// Runs the pre-show rigging inspection in phases. Each inspector thread handles one truss
/// and writes only its own slot; the phase summary runs once all inspectors reach the barrier.
/// </summary>
public sealed class RiggingInspectionRun
{
    private readonly IReadOnlyList<IReadOnlyList<RiggingPoint>> _trusses;
    private readonly double[] _worstUtilisation;
    private readonly bool[] _passed;
    private readonly List<string> _phaseLog = new();

    public RiggingInspectionRun(IReadOnlyList<IReadOnlyList<RiggingPoint>> trusses)
    {
        _trusses = trusses;
        _worstUtilisation = new double[trusses.Count];
        _passed = new bool[trusses.Count];
    }

    public IReadOnlyList<string> Run()
    {
        using var barrier = new Barrier(_trusses.Count, b =>
        {
            var worst = _worstUtilisation.Max();
            var failed = _passed.Count(p => !p);
            _phaseLog.Add($"phase {b.CurrentPhaseNumber}: worst utilisation {worst:P0}, {failed} truss(es) failed");
        });

        var threads = Enumerable.Range(0, _trusses.Count).Select(i => new Thread(() =>
        {
            // Phase 0: static load check.
            var utilisation = _trusses[i].Max(p => p.MeasuredLoadKg / p.RatedLoadKg);
            _worstUtilisation[i] = utilisation;
            _passed[i] = utilisation <= 0.8;
            barrier.SignalAndWait();

            // Phase 1: age derating.
            var derated = _trusses[i].Max(p => p.MeasuredLoadKg / (p.RatedLoadKg * (p.AgeMonths > 60 ? 0.9 : 1.0)));
            _worstUtilisation[i] = derated;
            _passed[i] = _passed[i] && derated <= 0.8;
            barrier.SignalAndWait();
        }) { Name = $"inspector-{i}" }).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return _phaseLog.ToArray();
    }
}
