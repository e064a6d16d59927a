namespace Lacrosse.Stringing;

public enum MeshKind { Hard, Soft, Traditional }

public sealed record StringingJob(string Order, MeshKind Mesh, int ShooterStrings, double PocketDepthCm, bool Goalie);

public sealed record StringingQuote(string Order, TimeSpan Labour, decimal Price, string Notes);

/// <summary>
/// Quotes stringing jobs for the pro shop. The end-of-season backlog can run to
/// thousands of heads, so the batch quote runs in parallel over a pure pricing
/// function.
/// </summary>
public sealed class StringingEstimator
{
    private readonly IReadOnlyDictionary<MeshKind, decimal> _meshPrice;
    private readonly decimal _hourlyRate;

    public StringingEstimator(IReadOnlyDictionary<MeshKind, decimal> meshPrice, decimal hourlyRate)
    {
        _meshPrice = new Dictionary<MeshKind, decimal>(meshPrice);
        _hourlyRate = hourlyRate;
    }

    public StringingQuote Quote(StringingJob job)
    {
        var minutes = job.Mesh switch
        {
            MeshKind.Traditional => 95,
            MeshKind.Hard => 50,
            _ => 40,
        };
        minutes += job.ShooterStrings * 6;
        if (job.Goalie) minutes += 20;
        if (job.PocketDepthCm > 6) minutes += 10;

        var labour = TimeSpan.FromMinutes(minutes);
        var price = _meshPrice[job.Mesh] + Math.Round((decimal)labour.TotalHours * _hourlyRate, 2);
        var notes = job.PocketDepthCm > 7 ? "pocket exceeds field legal depth" : "";
        return new StringingQuote(job.Order, labour, price, notes);
    }

    public IReadOnlyList<StringingQuote> QuoteBacklog(IEnumerable<StringingJob> jobs, CancellationToken ct) =>
        jobs.AsParallel()
            .WithCancellation(ct)
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount - 1))
            .Select(Quote)
            .OrderBy(q => q.Order, StringComparer.Ordinal)
            .ToList();

    public (TimeSpan Labour, decimal Revenue) BacklogTotals(IEnumerable<StringingJob> jobs) =>
        jobs.AsParallel()
            .Select(Quote)
            .Aggregate(
                seed: (Labour: TimeSpan.Zero, Revenue: 0m),
                func: (acc, q) => (acc.Labour + q.Labour, acc.Revenue + q.Price));

    public ILookup<MeshKind, string> OrdersByMesh(IEnumerable<StringingJob> jobs) =>
        jobs.AsParallel().ToLookup(j => j.Mesh, j => j.Order);
}
