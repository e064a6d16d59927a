using System.Collections.Immutable;

namespace Blind51.KiteFestivals.Flyers;

public interface IFlyerConnection
{
    string Handle { get; }
    ValueTask SendAsync(string text, CancellationToken cancellationToken);
}

/// <summary>
/// The flyers' chat room for a kite festival arena. Flyers come and go all day; the arena
/// announcer and the flyers themselves broadcast into the room. One room instance per
/// arena, shared by every connection handler.
/// </summary>
public sealed class ArenaChatRoom
{
    private ImmutableList<IFlyerConnection> _members = ImmutableList<IFlyerConnection>.Empty;
    private long _messagesSent;

    public string Arena { get; }

    public ArenaChatRoom(string arena) => Arena = arena;

    public int MemberCount => Volatile.Read(ref _members).Count;

    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    public void Join(IFlyerConnection flyer) =>
        ImmutableInterlocked.Update(ref _members, (list, f) => list.Any(m => m.Handle == f.Handle) ? list : list.Add(f), flyer);

    public void Leave(IFlyerConnection flyer) =>
        ImmutableInterlocked.Update(ref _members, (list, f) => list.Remove(f), flyer);

    public async Task BroadcastAsync(string from, string text, CancellationToken cancellationToken)
    {
        var recipients = Volatile.Read(ref _members);
        var line = $"[{Arena}] {from}: {text}";

        var sends = new List<Task>(recipients.Count);
        foreach (var member in recipients)
        {
            if (member.Handle == from) continue;
            sends.Add(SendOneAsync(member, line, cancellationToken));
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
    }

    private async Task SendOneAsync(IFlyerConnection member, string line, CancellationToken cancellationToken)
    {
        try
        {
            await member.SendAsync(line, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _messagesSent);
        }
        catch (IOException)
        {
            Leave(member);
        }
    }

    public IReadOnlyList<string> Handles() => Volatile.Read(ref _members).Select(m => m.Handle).ToList();
}

/// <summary>
/// Periodically announces the next display slot to the arena.
/// </summary>
public sealed class ArenaAnnouncer
{
    private readonly ArenaChatRoom _room;
    private readonly Func<string> _nextSlot;

    public ArenaAnnouncer(ArenaChatRoom room, Func<string> nextSlot)
    {
        _room = room;
        _nextSlot = nextSlot;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            await _room.BroadcastAsync("announcer", $"Next up: {_nextSlot()}", cancellationToken).ConfigureAwait(false);
    }
}
