namespace Blind50.DivingSchool.Buddies;

public sealed record BuddyPair(string First, string Second, string Site);

/// <summary>
/// Pairs up divers who ask for a buddy at the same dive site. The first diver waits until a
/// second one arrives, or until they give up. Called concurrently by the check-in kiosks.
/// </summary>
public sealed class BuddyMatcher
{
    private sealed class Waiter
    {
        public Waiter(string diver) => Diver = diver;

        public string Diver { get; }
        public TaskCompletionSource<BuddyPair> Match { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly object _gate = new();
    private readonly Dictionary<string, Waiter> _waitingBySite = new(StringComparer.OrdinalIgnoreCase);

    public async Task<BuddyPair> FindBuddyAsync(string diver, string site, TimeSpan patience, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_gate)
        {
            if (_waitingBySite.Remove(site, out var other))
            {
                var pair = new BuddyPair(other.Diver, diver, site);
                other.Match.TrySetResult(pair);
                return pair;
            }

            waiter = new Waiter(diver);
            _waitingBySite[site] = waiter;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(patience);
        using (timeout.Token.Register(() => GiveUp(site, waiter)))
        {
            return await waiter.Match.Task.ConfigureAwait(false);
        }
    }

    private void GiveUp(string site, Waiter waiter)
    {
        lock (_gate)
        {
            if (_waitingBySite.TryGetValue(site, out var current) && ReferenceEquals(current, waiter))
            {
                _waitingBySite.Remove(site);
            }
            else
            {
                return;
            }
        }

        waiter.Match.TrySetCanceled();
    }

    public IReadOnlyDictionary<string, string> Waiting()
    {
        lock (_gate)
        {
            return _waitingBySite.ToDictionary(p => p.Key, p => p.Value.Diver);
        }
    }
}

/// <summary>Kiosk flow for a diver looking for a buddy.</summary>
public sealed class CheckInKiosk
{
    private readonly BuddyMatcher _matcher;

    public CheckInKiosk(BuddyMatcher matcher) => _matcher = matcher;

    public async Task<string> RequestBuddyAsync(string diver, string site, CancellationToken cancellationToken)
    {
        try
        {
            var pair = await _matcher.FindBuddyAsync(diver, site, TimeSpan.FromMinutes(10), cancellationToken);
            var buddy = pair.First == diver ? pair.Second : pair.First;
            return $"{diver}, your buddy at {site} is {buddy}";
        }
        catch (TaskCanceledException)
        {
            return $"No buddy turned up for {site}; please see the dive leader.";
        }
    }
}
