namespace Blind36.Barbershop.Rehearsals;

public sealed record RehearsalSlot(string Quartet, DateTime Start, string Room);

/// <summary>
/// Hands out the chapter's rehearsal rooms. Quartets wait for a room to free up; the
/// wait can be abandoned from the app, which cancels the token passed in.
/// </summary>
public sealed class RoomQueue
{
    private sealed class Waiter
    {
        public Waiter(string quartet) => Quartet = quartet;
        public string Quartet { get; }
        public TaskCompletionSource<RehearsalSlot> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Registration { get; set; }
    }

    private readonly object _lock = new();
    private readonly Queue<string> _freeRooms;
    private readonly Dictionary<Guid, Waiter> _waiting = new();
    private readonly LinkedList<Guid> _order = new();

    public RoomQueue(IEnumerable<string> rooms) => _freeRooms = new Queue<string>(rooms);

    public Task<RehearsalSlot> RequestRoomAsync(string quartet, CancellationToken ct)
    {
        lock (_lock)
        {
            if (_freeRooms.TryDequeue(out var room))
                return Task.FromResult(new RehearsalSlot(quartet, DateTime.Now, room));

            var id = Guid.NewGuid();
            var waiter = new Waiter(quartet);
            _waiting.Add(id, waiter);
            _order.AddLast(id);

            waiter.Registration = ct.Register(() =>
            {
                if (_waiting.Remove(id))
                    waiter.Completion.TrySetCanceled(ct);
            });
            return waiter.Completion.Task;
        }
    }

    public void ReleaseRoom(string room)
    {
        Waiter? next = null;
        lock (_lock)
        {
            while (_order.First is { } node)
            {
                _order.RemoveFirst();
                if (_waiting.Remove(node.Value, out next))
                    break;
            }

            if (next is null)
            {
                _freeRooms.Enqueue(room);
                return;
            }
        }

        next.Registration.Dispose();
        next.Completion.TrySetResult(new RehearsalSlot(next.Quartet, DateTime.Now, room));
    }

    public int WaitingCount
    {
        get { lock (_lock) return _waiting.Count; }
    }
}
