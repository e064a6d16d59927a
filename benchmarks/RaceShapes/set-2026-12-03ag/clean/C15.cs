namespace Clocktower.Chimes;

/// <summary>
/// Lets maintenance tasks wait for the next quarter chime (the bell frame is
/// only worked on straight after a chime). The striking mechanism's sensor thread
/// calls <see cref="OnChime"/>; waiters may give up through their tokens.
/// </summary>
public sealed class ChimeWaiter
{
    private readonly object _sync = new();
    private readonly List<Waiter> _waiters = new();
    private int _chimesSeen;

    private sealed class Waiter
    {
        public readonly TaskCompletionSource<int> Completion =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Registration;
    }

    public Task<int> WaitForNextChimeAsync(CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<int>(ct);
        }

        var waiter = new Waiter();
        waiter.Registration = ct.Register(() =>
        {
            lock (_sync)
            {
                _waiters.Remove(waiter);
            }

            waiter.Completion.TrySetCanceled(ct);
        });

        lock (_sync)
        {
            _waiters.Add(waiter);
        }

        return waiter.Completion.Task;
    }

    /// <summary>Called by the strike sensor each quarter hour.</summary>
    public void OnChime()
    {
        Waiter[] toRelease;
        int chime;
        lock (_sync)
        {
            chime = ++_chimesSeen;
            toRelease = _waiters.ToArray();
            _waiters.Clear();
        }

        foreach (var waiter in toRelease)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult(chime);
        }
    }

    public int PendingWaiters
    {
        get { lock (_sync) { return _waiters.Count; } }
    }
}

public static class BellFrameInspection
{
    public static async Task<int> InspectAsync(ChimeWaiter chimes, Func<int, Task> inspectBay, int bays, CancellationToken ct)
    {
        int chime = 0;
        for (int bay = 0; bay < bays; bay++)
        {
            chime = await chimes.WaitForNextChimeAsync(ct).ConfigureAwait(false);
            await inspectBay(bay).ConfigureAwait(false);
        }
        return chime;
    }
}
