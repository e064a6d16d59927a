namespace DentalLab.CrownMilling;

public sealed record CrownOrder(string CaseNumber, string Material, int ToothNumber, string ShadeCode);

/// <summary>
/// A single milling job for the five-axis mill. Each job gets a sequential job number
/// that is engraved on the puck holder so the technician can match it to the case.
/// </summary>
public sealed class MillingJob
{
    private static int s_lastJobNumber;

    public MillingJob(CrownOrder order, string toolpathFile)
    {
        s_lastJobNumber++;
        JobNumber = s_lastJobNumber;
        Order = order;
        ToolpathFile = toolpathFile;
        CreatedAt = DateTimeOffset.UtcNow;
    }

    public int JobNumber { get; }
    public CrownOrder Order { get; }
    public string ToolpathFile { get; }
    public DateTimeOffset CreatedAt { get; }
}

public interface IToolpathGenerator
{
    string Generate(CrownOrder order);
}

/// <summary>
/// Converts the day's approved crown designs into milling jobs. Toolpath generation
/// is CPU-heavy, so orders are processed in parallel.
/// </summary>
public sealed class MillingQueueBuilder
{
    private readonly IToolpathGenerator _cam;

    public MillingQueueBuilder(IToolpathGenerator cam) => _cam = cam;

    public IReadOnlyList<MillingJob> Build(IEnumerable<CrownOrder> approved)
    {
        var jobs = new System.Collections.Concurrent.ConcurrentQueue<MillingJob>();

        Parallel.ForEach(approved, new ParallelOptions { MaxDegreeOfParallelism = 4 }, order =>
        {
            var toolpath = _cam.Generate(order);
            jobs.Enqueue(new MillingJob(order, toolpath));
        });

        return jobs
            .OrderBy(j => j.Order.Material)
            .ThenBy(j => j.JobNumber)
            .ToList();
    }

    public static IEnumerable<IGrouping<string, MillingJob>> ByPuck(IEnumerable<MillingJob> jobs)
    {
        // Zirconia and e.max go on different pucks.
        return jobs.GroupBy(j => j.Order.Material);
    }
}
