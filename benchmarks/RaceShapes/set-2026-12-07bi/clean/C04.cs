namespace Blind61.TextileMills.Spinning;

public readonly record struct SpindleReading(int FrameId, int Spindle, double Twist, bool EndDown);

public sealed record FrameQuality(int FrameId, double MeanTwist, double TwistCv, int EndsDown);

/// <summary>
/// Summarises the spinning room's spindle readings per ring frame for the quality office.
/// </summary>
public static class SpinningQualityReport
{
    private sealed class Accumulator
    {
        public double Sum;
        public double SumSquares;
        public int Count;
        public int EndsDown;
    }

    public static IReadOnlyList<FrameQuality> Build(SpindleReading[] readings, int frameCount)
    {
        var totals = new Accumulator[frameCount];
        for (var i = 0; i < frameCount; i++)
            totals[i] = new Accumulator();

        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, readings.Length, 4096),
            () => new Accumulator[frameCount],
            (range, _, local) =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var r = readings[i];
                    var acc = local[r.FrameId] ??= new Accumulator();
                    acc.Sum += r.Twist;
                    acc.SumSquares += r.Twist * r.Twist;
                    acc.Count++;
                    if (r.EndDown) acc.EndsDown++;
                }
                return local;
            },
            local =>
            {
                lock (totals)
                {
                    for (var f = 0; f < frameCount; f++)
                    {
                        if (local[f] is not { } acc) continue;
                        totals[f].Sum += acc.Sum;
                        totals[f].SumSquares += acc.SumSquares;
                        totals[f].Count += acc.Count;
                        totals[f].EndsDown += acc.EndsDown;
                    }
                }
            });

        var result = new List<FrameQuality>(frameCount);
        for (var f = 0; f < frameCount; f++)
        {
            var t = totals[f];
            if (t.Count == 0) continue;
            var mean = t.Sum / t.Count;
            var variance = Math.Max(0, t.SumSquares / t.Count - mean * mean);
            result.Add(new FrameQuality(f, mean, mean == 0 ? 0 : Math.Sqrt(variance) / mean, t.EndsDown));
        }
        return result;
    }
}

/// <summary>Nightly job that writes the report to the quality office share.</summary>
public sealed class SpinningQualityJob
{
    private readonly Func<Task<SpindleReading[]>> _load;
    private readonly string _outputPath;

    public SpinningQualityJob(Func<Task<SpindleReading[]>> load, string outputPath)
    {
        _load = load;
        _outputPath = outputPath;
    }

    public async Task RunAsync(int frameCount, CancellationToken ct)
    {
        var readings = await _load();
        var report = SpinningQualityReport.Build(readings, frameCount);
        var lines = report.Select(q => $"{q.FrameId},{q.MeanTwist:F2},{q.TwistCv:P1},{q.EndsDown}");
        await File.WriteAllLinesAsync(_outputPath, lines.Prepend("frame,twist,cv,ends_down"), ct);
    }
}
