using System.Collections.Concurrent;

namespace Blind31.SalmonHatcheries.Feeding;

/// <summary>Feeding report assembled for one raceway; handed from the collector to the writer.</summary>
public sealed class FeedingReport
{
    public FeedingReport(int raceway)
    {
        Raceway = raceway;
    }

    public int Raceway { get; }

    public double PelletsKg { get; set; }

    public double WaterTempC { get; set; }

    public List<string> Notes { get; } = new();
}

/// <summary>
/// Collects feeding data from the raceway feeders and writes reports to the hatchery
/// log on a dedicated writer thread.
/// </summary>
public sealed class FeedingReportPipeline : IDisposable
{
    private readonly BlockingCollection<FeedingReport> _queue = new(boundedCapacity: 64);
    private readonly Action<string> _writeLine;
    private readonly Thread _writer;
    private int _written;

    public FeedingReportPipeline(Action<string> writeLine)
    {
        _writeLine = writeLine;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "feeding-report-writer" };
        _writer.Start();
    }

    public int Written => Volatile.Read(ref _written);

    /// <summary>Called by each feeder's polling task.</summary>
    public void Submit(int raceway, double pelletsKg, double waterTempC, IEnumerable<string> alarms)
    {
        var report = new FeedingReport(raceway)
        {
            PelletsKg = pelletsKg,
            WaterTempC = waterTempC,
        };

        foreach (var alarm in alarms)
        {
            report.Notes.Add(alarm);
        }

        if (waterTempC > 14)
        {
            report.Notes.Add("Water above 14 C - reduce ration");
        }

        _queue.Add(report);
    }

    private void WriteLoop()
    {
        foreach (var report in _queue.GetConsumingEnumerable())
        {
            report.PelletsKg = Math.Round(report.PelletsKg, 2);
            string notes = report.Notes.Count == 0 ? "-" : string.Join("; ", report.Notes);
            _writeLine($"raceway {report.Raceway}: {report.PelletsKg} kg at {report.WaterTempC:F1} C [{notes}]");
            Interlocked.Increment(ref _written);
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _writer.Join();
        _queue.Dispose();
    }
}

/// <summary>Polls all raceway feeders in parallel once a minute.</summary>
public static class FeederPolling
{
    public static Task PollAllAsync(FeedingReportPipeline pipeline, IReadOnlyList<Func<(double Kg, double TempC, string[] Alarms)>> feeders)
    {
        return Task.WhenAll(feeders.Select((feeder, raceway) => Task.Run(() =>
        {
            var (kg, temp, alarms) = feeder();
            pipeline.Submit(raceway + 1, kg, temp, alarms);
        })));
    }
}
