namespace VetClinic.Kennels;

public sealed record KennelAssignment(int KennelNumber, string PatientName, string Species, DateTime CheckedInUtc);

/// <summary>
/// Allocates overnight kennels. The reception desk app calls <see cref="Assign"/>
/// while the discharge worker calls <see cref="Release"/> when an owner collects
/// their pet; both run at the same time.
/// </summary>
public sealed class KennelAllocator
{
    private readonly object _sync = new();
    private readonly HashSet<int> _occupied = new();
    private readonly Dictionary<int, KennelAssignment> _assignments = new();
    private readonly int _kennelCount;

    public KennelAllocator(int kennelCount) => _kennelCount = kennelCount;

    public KennelAssignment? Assign(string patientName, string species)
    {
        lock (_sync)
        {
            for (int k = 1; k <= _kennelCount; k++)
            {
                if (_occupied.Add(k))
                {
                    var assignment = new KennelAssignment(k, patientName, species, DateTime.UtcNow);
                    _assignments[k] = assignment;
                    return assignment;
                }
            }
            return null;
        }
    }

    public KennelAssignment? Release(int kennelNumber)
    {
        KennelAssignment? existing;
        lock (_sync)
        {
            if (!_assignments.Remove(kennelNumber, out existing))
            {
                return null;
            }
        }
        _occupied.Remove(kennelNumber);
        return existing;
    }

    public int FreeKennels()
    {
        lock (_sync)
        {
            return _kennelCount - _occupied.Count;
        }
    }
}

/// <summary>
/// Processes pickups queued by the owner-notification service.
/// </summary>
public sealed class DischargeWorker
{
    private readonly KennelAllocator _allocator;
    private readonly System.Collections.Concurrent.BlockingCollection<int> _pickups = new();

    public DischargeWorker(KennelAllocator allocator) => _allocator = allocator;

    public void QueuePickup(int kennelNumber) => _pickups.Add(kennelNumber);

    public Task RunAsync(CancellationToken ct) => Task.Factory.StartNew(() =>
    {
        foreach (var kennel in _pickups.GetConsumingEnumerable(ct))
        {
            var released = _allocator.Release(kennel);
            if (released is not null)
            {
                Console.WriteLine($"{released.PatientName} went home from kennel {kennel}");
            }
        }
    }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
