using System.Collections.Immutable;

namespace Fjord.Ferries.Berthing;

public sealed record BerthAssignment(int Berth, string Vessel, DateTime From, DateTime Until);

/// <summary>
/// Allocates ferry berths at the fjord terminal. Harbour-master requests and
/// operator requests arrive concurrently; the passenger information boards poll
/// <see cref="Board"/> many times a second and must never block the allocator.
/// </summary>
public sealed class BerthAllocator
{
    private readonly object _gate = new();
    private readonly int _berths;
    private readonly List<BerthAssignment> _assignments = new();
    private ImmutableArray<BerthAssignment> _board = ImmutableArray<BerthAssignment>.Empty;

    public BerthAllocator(int berths) => _berths = berths;

    public ImmutableArray<BerthAssignment> Board => ImmutableInterlocked.InterlockedCompareExchange(ref _board, default, default);

    public BerthAssignment? Allocate(string vessel, DateTime from, DateTime until)
    {
        lock (_gate)
        {
            for (int berth = 1; berth <= _berths; berth++)
            {
                bool clash = _assignments.Any(a => a.Berth == berth && a.From < until && from < a.Until);
                if (clash) continue;

                var assignment = new BerthAssignment(berth, vessel, from, until);
                _assignments.Add(assignment);
                Publish();
                return assignment;
            }
            return null;
        }
    }

    public bool Release(string vessel)
    {
        lock (_gate)
        {
            int removed = _assignments.RemoveAll(a => a.Vessel == vessel);
            if (removed > 0) Publish();
            return removed > 0;
        }
    }

    public int ExpireBefore(DateTime now)
    {
        lock (_gate)
        {
            int removed = _assignments.RemoveAll(a => a.Until <= now);
            if (removed > 0) Publish();
            return removed;
        }
    }

    private void Publish()
    {
        var snapshot = _assignments.OrderBy(a => a.From).ThenBy(a => a.Berth).ToImmutableArray();
        ImmutableInterlocked.InterlockedExchange(ref _board, snapshot);
    }
}

public sealed class PassengerBoard
{
    private readonly BerthAllocator _allocator;

    public PassengerBoard(BerthAllocator allocator) => _allocator = allocator;

    public IEnumerable<string> Lines(DateTime now) =>
        _allocator.Board
            .Where(a => a.Until > now)
            .Select(a => $"{a.From:HH:mm}  {a.Vessel,-20} berth {a.Berth}");
}
