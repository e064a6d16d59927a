using System.Collections.Immutable;

namespace Blind55.Clean.C05;

public sealed record CourtPresence(string MemberId, string Court, DateTime CheckedInAt);

/// <summary>
/// Tracks which tennis club members are on which court. Check-in kiosks and the members' app
/// update it concurrently; <see cref="PresenceBroadcaster"/> pushes a snapshot to the clubhouse screens.
/// </summary>
public sealed class CourtPresenceMap
{
    private ImmutableDictionary<string, CourtPresence> _byMember = ImmutableDictionary<string, CourtPresence>.Empty;

    public void CheckIn(string memberId, string court)
    {
        var entry = new CourtPresence(memberId, court, DateTime.UtcNow);
        ImmutableInterlocked.AddOrUpdate(ref _byMember, memberId, entry, (_, _) => entry);
    }

    public bool CheckOut(string memberId) =>
        ImmutableInterlocked.TryRemove(ref _byMember, memberId, out _);

    public ImmutableDictionary<string, CourtPresence> Snapshot => Volatile.Read(ref _byMember);
}

public sealed class PresenceBroadcaster : IAsyncDisposable
{
    private readonly CourtPresenceMap _map;
    private readonly Func<IReadOnlyDictionary<string, int>, CancellationToken, Task> _push;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public PresenceBroadcaster(CourtPresenceMap map, Func<IReadOnlyDictionary<string, int>, CancellationToken, Task> push)
    {
        _map = map;
        _push = push;
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var snapshot = _map.Snapshot;
                var playersPerCourt = snapshot.Values
                    .GroupBy(p => p.Court)
                    .ToDictionary(g => g.Key, g => g.Count());
                await _push(playersPerCourt, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        _stop.Dispose();
    }
}
