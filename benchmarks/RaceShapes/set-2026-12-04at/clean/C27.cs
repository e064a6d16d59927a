using System.Collections.Immutable;
using System.Threading.Channels;

namespace Blind46.SledDogRace.Standings;

public abstract record RaceEvent(string MusherId, DateTime Utc);
public sealed record CheckpointReached(string MusherId, DateTime Utc, int CheckpointNumber) : RaceEvent(MusherId, Utc);
public sealed record DogDropped(string MusherId, DateTime Utc, string DogName) : RaceEvent(MusherId, Utc);
public sealed record Scratched(string MusherId, DateTime Utc) : RaceEvent(MusherId, Utc);

public sealed record MusherStanding(string MusherId, int Checkpoint, DateTime ReachedUtc, int DogsInTeam, bool Scratched);

/// <summary>
/// Projects the race event stream into live standings. Events are applied by a
/// single projection loop; the standings page and the commentary feed read the
/// most recently published standings from any thread.
/// </summary>
public sealed class StandingsProjection
{
    private readonly Channel<RaceEvent> _events = Channel.CreateUnbounded<RaceEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, MusherStanding> _working = new();
    private readonly int _startingDogs;
    private ImmutableList<MusherStanding> _published = ImmutableList<MusherStanding>.Empty;
    private long _appliedCount;

    public StandingsProjection(int startingDogs) => _startingDogs = startingDogs;

    public bool Append(RaceEvent evt) => _events.Writer.TryWrite(evt);

    public void Complete() => _events.Writer.TryComplete();

    public ImmutableList<MusherStanding> Current => Volatile.Read(ref _published);

    public long AppliedCount => Interlocked.Read(ref _appliedCount);

    public async Task RunAsync(CancellationToken ct)
    {
        await foreach (var evt in _events.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            Apply(evt);
            Interlocked.Increment(ref _appliedCount);

            if (_events.Reader.Count == 0)
                Publish();
        }

        Publish();
    }

    private void Apply(RaceEvent evt)
    {
        var current = _working.TryGetValue(evt.MusherId, out var s)
            ? s
            : new MusherStanding(evt.MusherId, 0, DateTime.MinValue, _startingDogs, false);

        _working[evt.MusherId] = evt switch
        {
            CheckpointReached cp when cp.CheckpointNumber > current.Checkpoint =>
                current with { Checkpoint = cp.CheckpointNumber, ReachedUtc = cp.Utc },
            DogDropped => current with { DogsInTeam = Math.Max(0, current.DogsInTeam - 1) },
            Scratched => current with { Scratched = true },
            _ => current,
        };
    }

    private void Publish()
    {
        var ordered = _working.Values
            .OrderBy(s => s.Scratched)
            .ThenByDescending(s => s.Checkpoint)
            .ThenBy(s => s.ReachedUtc)
            .ToImmutableList();

        Volatile.Write(ref _published, ordered);
    }
}
