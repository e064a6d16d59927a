namespace Blind43.RowingClub.BoatBay;

public sealed record BoatFreedEventArgs(string Boat, string ReturnedBy, DateTimeOffset At);

public interface ICrewNotifier
{
    Task NotifyAsync(string crew, string message);
}

/// <summary>
/// Tracks which boats are out on the river. Crews sign boats out and back in from the boathouse
/// kiosk and from their phones at the same time; when a boat comes back, the waiting list is told.
/// </summary>
public sealed class BoatBay
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _outWith = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string>> _waiting = new(StringComparer.OrdinalIgnoreCase);
    private readonly Action<BoatFreedEventArgs, string?> _boatFreed;

    /// <param name="boatFreed">Invoked outside the bay's lock with the freed boat and the next crew waiting for it.</param>
    public BoatBay(Action<BoatFreedEventArgs, string?> boatFreed) => _boatFreed = boatFreed;

    public bool SignOut(string boat, string crew)
    {
        lock (_gate)
        {
            if (_outWith.ContainsKey(boat))
            {
                if (!_waiting.TryGetValue(boat, out var queue))
                {
                    _waiting[boat] = queue = new Queue<string>();
                }

                if (!queue.Contains(crew))
                {
                    queue.Enqueue(crew);
                }

                return false;
            }

            _outWith[boat] = crew;
            return true;
        }
    }

    public void SignIn(string boat, string crew)
    {
        string? next = null;
        lock (_gate)
        {
            if (!_outWith.TryGetValue(boat, out var holder) || holder != crew)
            {
                return;
            }

            _outWith.Remove(boat);
            if (_waiting.TryGetValue(boat, out var queue) && queue.Count > 0)
            {
                next = queue.Dequeue();
            }
        }

        _boatFreed(new BoatFreedEventArgs(boat, crew, DateTimeOffset.UtcNow), next);
    }

    public IReadOnlyDictionary<string, string> BoatsOut()
    {
        lock (_gate)
        {
            return new Dictionary<string, string>(_outWith, StringComparer.OrdinalIgnoreCase);
        }
    }
}

/// <summary>Sends "your boat is back" messages; counts how many went out.</summary>
public sealed class WaitingListMessenger
{
    private readonly ICrewNotifier _notifier;
    private int _sent;
    private int _failed;

    public WaitingListMessenger(ICrewNotifier notifier) => _notifier = notifier;

    public int Sent => Volatile.Read(ref _sent);
    public int Failed => Volatile.Read(ref _failed);

    public async void OnBoatFreed(BoatFreedEventArgs e, string? nextCrew)
    {
        if (nextCrew is null)
        {
            return;
        }

        try
        {
            await _notifier.NotifyAsync(nextCrew, $"{e.Boat} is back on the rack ({e.At:HH:mm}).").ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _failed);
        }
    }
}

public static class BoatBayComposition
{
    public static BoatBay Create(ICrewNotifier notifier)
    {
        var messenger = new WaitingListMessenger(notifier);
        return new BoatBay(messenger.OnBoatFreed);
    }
}
