namespace Blind56.FoodBank.Packing;

public sealed record HouseholdOrder(int ReferralId, int Adults, int Children, IReadOnlyList<string> DietaryNeeds);

public readonly record struct PackResult(int ReferralId, int ItemsPacked, int MissingItems);

public interface IParcelPacker
{
    PackResult Pack(HouseholdOrder order);
}

public enum PackingState
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>Progress of one packing run, shown on the warehouse dashboard.</summary>
public sealed class PackingJob
{
    public PackingJob(int totalOrders)
    {
        TotalOrders = totalOrders;
    }

    public Guid Id { get; } = Guid.NewGuid();
    public int TotalOrders { get; }
    public int Packed;
    public int ShortItems;
    private int _state;

    public PackingState State
    {
        get => (PackingState)Volatile.Read(ref _state);
        set => Volatile.Write(ref _state, (int)value);
    }
}

public sealed class ParcelPackingRunner
{
    private readonly IParcelPacker _packer;

    public ParcelPackingRunner(IParcelPacker packer)
    {
        _packer = packer;
    }

    public PackingJob Start(IReadOnlyList<HouseholdOrder> orders)
    {
        var job = new PackingJob(orders.Count);
        _ = Task.Run(() => Run(job, orders));
        return job;
    }

    private void Run(PackingJob job, IReadOnlyList<HouseholdOrder> orders)
    {
        job.State = PackingState.Running;
        try
        {
            Parallel.ForEach(orders, new ParallelOptions { MaxDegreeOfParallelism = 4 }, order =>
            {
                PackResult result = _packer.Pack(order);
                if (result.MissingItems > 0)
                {
                    job.ShortItems += result.MissingItems;
                }

                Interlocked.Increment(ref job.Packed);
            });
            job.State = PackingState.Completed;
        }
        catch (AggregateException)
        {
            job.State = PackingState.Failed;
        }
    }
}

/// <summary>Polled by the warehouse screen every couple of seconds.</summary>
public sealed class PackingDashboard
{
    private readonly PackingJob _job;

    public PackingDashboard(PackingJob job)
    {
        _job = job;
    }

    public string StatusLine()
    {
        PackingState state = _job.State;
        int packed = Volatile.Read(ref _job.Packed);
        double percent = _job.TotalOrders == 0 ? 100 : 100.0 * packed / _job.TotalOrders;
        return $"{state}: {packed}/{_job.TotalOrders} parcels ({percent:F0}%)";
    }
}
