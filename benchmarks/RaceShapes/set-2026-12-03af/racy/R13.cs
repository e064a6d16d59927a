using System.Collections.Concurrent;

namespace Blind32.RopeBridges.Inspection;

public sealed record BridgeSpan(string Id, double LengthMetres, double AllowedSagMetres, double[] DeckReadings);

public sealed record InspectionSummary(
    int SpansInspected,
    IReadOnlyCollection<string> OverSag,
    string? WorstSpan,
    double WorstSagMetres);

/// <summary>
/// Works through the laser-level readings taken on an inspection walk and
/// summarises which spans sag beyond their allowance.
/// </summary>
public sealed class SagAnalyzer
{
    private readonly int _maxParallelism;

    public SagAnalyzer(int maxParallelism) => _maxParallelism = maxParallelism;

    public InspectionSummary Summarize(IReadOnlyList<BridgeSpan> spans)
    {
        var overSag = new ConcurrentBag<string>();
        var inspected = 0;
        double worstSag = 0;
        string? worstSpan = null;

        Parallel.ForEach(
            spans,
            new ParallelOptions { MaxDegreeOfParallelism = _maxParallelism },
            span =>
            {
                var sag = MeasureSag(span);
                Interlocked.Increment(ref inspected);

                if (sag > span.AllowedSagMetres)
                    overSag.Add(span.Id);

                if (sag > worstSag)
                {
                    worstSag = sag;
                    worstSpan = span.Id;
                }
            });

        return new InspectionSummary(inspected, overSag.ToArray(), worstSpan, worstSag);
    }

    private static double MeasureSag(BridgeSpan span)
    {
        if (span.DeckReadings.Length < 3)
            return 0;

        // Sag is the deepest point below the straight line between the anchors.
        var first = span.DeckReadings[0];
        var last = span.DeckReadings[^1];
        var deepest = 0.0;
        for (var i = 1; i < span.DeckReadings.Length - 1; i++)
        {
            var t = (double)i / (span.DeckReadings.Length - 1);
            var chord = first + (last - first) * t;
            deepest = Math.Max(deepest, chord - span.DeckReadings[i]);
        }
        return deepest;
    }
}
