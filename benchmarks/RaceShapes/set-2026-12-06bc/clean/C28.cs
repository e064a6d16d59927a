namespace Blind55.Clean.C28;

/// <summary>
/// Waiting list for a tennis court. Kiosk sessions wait for the court to free up; the court
/// sensor reports when the current players leave. Waiters can give up through their token.
/// </summary>
public sealed class CourtWaitingList
{
    private readonly object _gate = new();
    private readonly LinkedList<TaskCompletionSource<string>> _waiters = new();
    private readonly string _court;
    private bool _free;

    public CourtWaitingList(string court, bool initiallyFree)
    {
        _court = court;
        _free = initiallyFree;
    }

    public int Waiting
    {
        get { lock (_gate) return _waiters.Count; }
    }

    public async Task<string> WaitForCourtAsync(CancellationToken ct)
    {
        var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        LinkedListNode<TaskCompletionSource<string>> node;
        lock (_gate)
        {
            if (_free)
            {
                _free = false;
                return _court;
            }

            node = _waiters.AddLast(tcs);
        }

        using (ct.Register(() =>
        {
            lock (_gate)
            {
                if (node.List != null)
                {
                    _waiters.Remove(node);
                }
            }

            tcs.TrySetCanceled(ct);
        }))
        {
            return await tcs.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Called by the court sensor when the players walk off.</summary>
    public void CourtVacated()
    {
        TaskCompletionSource<string>? next = null;
        lock (_gate)
        {
            if (_waiters.First is { } first)
            {
                next = first.Value;
                _waiters.RemoveFirst();
            }
            else
            {
                _free = true;
            }
        }

        if (next != null && !next.TrySetResult(_court))
        {
            // That waiter gave up just now; offer the court to the next one.
            CourtVacated();
        }
    }
}

public static class KioskSession
{
    public static async Task<string?> TryBookAsync(CourtWaitingList list, TimeSpan patience)
    {
        using var cts = new CancellationTokenSource(patience);
        try
        {
            return await list.WaitForCourtAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
