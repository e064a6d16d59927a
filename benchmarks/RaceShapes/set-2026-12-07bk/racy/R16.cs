namespace Blind63.ClockRestoration.Workshop;

public sealed record MovementJob(string JobNumber, string Maker, int Year, string Work);

public sealed record PartOrder(string JobNumber, string Part, int Quantity);

public interface IPartsSupplier
{
    Task<bool> CheckStockAsync(string part, CancellationToken ct);
}

/// <summary>
/// Works out which spare parts to order for the restoration queue. Stock
/// checks against the supplier are limited to a few at a time.
/// </summary>
public sealed class PartsPlanner : IDisposable
{
    private readonly IPartsSupplier _supplier;
    private readonly SemaphoreSlim _supplierSlots = new(4, 4);
    private readonly List<PartOrder> _orders = new();

    public PartsPlanner(IPartsSupplier supplier)
    {
        _supplier = supplier;
    }

    public async Task<IReadOnlyList<PartOrder>> PlanAsync(IEnumerable<MovementJob> jobs, CancellationToken ct)
    {
        var checks = new List<Task>();
        foreach (var job in jobs)
        {
            foreach (var part in PartsFor(job))
            {
                checks.Add(CheckAndQueueAsync(job, part, ct));
            }
        }

        await Task.WhenAll(checks);

        lock (_orders)
        {
            return _orders.ToList();
        }
    }

    private async Task CheckAndQueueAsync(MovementJob job, string part, CancellationToken ct)
    {
        await _supplierSlots.WaitAsync(ct);
        try
        {
            bool inStock = await _supplier.CheckStockAsync(part, ct);
            if (inStock)
            {
                _orders.Add(new PartOrder(job.JobNumber, part, 1));
            }
        }
        finally
        {
            _supplierSlots.Release();
        }
    }

    private static IEnumerable<string> PartsFor(MovementJob job)
    {
        if (job.Work.Contains("mainspring", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"mainspring-{job.Maker}";
        }
        if (job.Work.Contains("bush", StringComparison.OrdinalIgnoreCase))
        {
            yield return "brass-bush-kit";
        }
        if (job.Work.Contains("suspension", StringComparison.OrdinalIgnoreCase))
        {
            yield return "suspension-spring";
        }
        if (job.Year < 1850)
        {
            yield return "gut-line";
        }
    }

    public void Dispose() => _supplierSlots.Dispose();
}
