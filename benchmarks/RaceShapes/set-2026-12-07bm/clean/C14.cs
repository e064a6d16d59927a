using System.Collections.Generic;

namespace Blind65.GondolaLifts.Rope;

/// <summary>
/// Step log for a rope inspection, flowing with the async context so helpers
/// deep in the call tree can add to it without having it passed around.
/// </summary>
public sealed class RopeInspectionLog
{
    private static readonly AsyncLocal<RopeInspectionLog?> Ambient = new();

    private readonly object _gate = new();
    private readonly List<string> _steps = new();

    public static RopeInspectionLog? Current => Ambient.Value;

    public static RopeInspectionLog Start()
    {
        var log = new RopeInspectionLog();
        Ambient.Value = log;
        return log;
    }

    public static void Note(string step) => Ambient.Value?.Add(step);

    private void Add(string step)
    {
        var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {step}";
        lock (_gate)
        {
            _steps.Add(line);
        }
    }

    public IReadOnlyList<string> Steps
    {
        get
        {
            lock (_gate)
            {
                return _steps.ToArray();
            }
        }
    }
}

public interface IRopeScanner
{
    Task<double> MeasureDiameterAsync(int towerSpan, CancellationToken token);
    Task<int> CountBrokenWiresAsync(int towerSpan, CancellationToken token);
}

public sealed record RopeReport(int SpansChecked, int SpansFlagged, IReadOnlyList<string> Steps);

/// <summary>
/// Weekly magnetic rope test across all tower spans of the lift.
/// </summary>
public sealed class WeeklyRopeTest
{
    private readonly IRopeScanner _scanner;
    private readonly double _nominalDiameterMm;

    public WeeklyRopeTest(IRopeScanner scanner, double nominalDiameterMm)
    {
        _scanner = scanner;
        _nominalDiameterMm = nominalDiameterMm;
    }

    public async Task<RopeReport> RunAsync(int spans, CancellationToken token)
    {
        var log = RopeInspectionLog.Start();
        RopeInspectionLog.Note($"Testing {spans} spans");

        var flags = await Task.WhenAll(Enumerable.Range(1, spans).Select(span => CheckSpanAsync(span, token)));

        var flagged = flags.Count(f => f);
        RopeInspectionLog.Note($"{flagged} spans flagged");
        return new RopeReport(spans, flagged, log.Steps);
    }

    private async Task<bool> CheckSpanAsync(int span, CancellationToken token)
    {
        var diameter = await _scanner.MeasureDiameterAsync(span, token).ConfigureAwait(false);
        var broken = await _scanner.CountBrokenWiresAsync(span, token).ConfigureAwait(false);
        var flag = diameter < _nominalDiameterMm * 0.9 || broken > 6;
        RopeInspectionLog.Note($"Span {span}: {diameter:F1} mm, {broken} broken wires{(flag ? " - flagged" : "")}");
        return flag;
    }
}
