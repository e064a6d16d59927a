namespace Blind30.CurlingClub;

public sealed record SheetRequest(string Team, DateTime WantedFrom);

/// <summary>
/// Waiting list for curling sheets on league night. Teams queue through the club's
/// app and are handed a sheet number when one is released; a team that gives up
/// cancels its wait.
/// </summary>
public sealed class SheetWaitingList
{
    private readonly object _sync = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly Queue<int> _freeSheets = new();

    public SheetWaitingList(IEnumerable<int> sheets)
    {
        foreach (var sheet in sheets)
        {
            _freeSheets.Enqueue(sheet);
        }
    }

    public Task<int> WaitForSheetAsync(SheetRequest request, CancellationToken ct)
    {
        Waiter waiter;
        lock (_sync)
        {
            if (_freeSheets.Count > 0)
            {
                return Task.FromResult(_freeSheets.Dequeue());
            }

            waiter = new Waiter(request);
            waiter.Node = _waiters.AddLast(waiter);
        }

        ct.Register(() =>
        {
            lock (_sync)
            {
                if (waiter.Node?.List != null)
                {
                    _waiters.Remove(waiter.Node);
                }
            }

            waiter.Completion.TrySetCanceled(ct);
        });

        return waiter.Completion.Task;
    }

    public void ReleaseSheet(int sheet)
    {
        Waiter? next = null;
        lock (_sync)
        {
            if (_waiters.First is { } first)
            {
                next = first.Value;
                _waiters.RemoveFirst();
            }
            else
            {
                _freeSheets.Enqueue(sheet);
            }
        }

        if (next != null && !next.Completion.TrySetResult(sheet))
        {
            ReleaseSheet(sheet);
        }
    }

    public int WaitingTeams
    {
        get
        {
            lock (_sync)
            {
                return _waiters.Count;
            }
        }
    }

    private sealed class Waiter
    {
        public Waiter(SheetRequest request) => Request = request;

        public SheetRequest Request { get; }
        public LinkedListNode<Waiter>? Node { get; set; }
        public TaskCompletionSource<int> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
