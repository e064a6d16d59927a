using System.Collections.Immutable;
using System.Threading.Channels;

namespace Blind44.DogSledRaces.Standings;

/// <summary>A musher passing a checkpoint gate.</summary>
public sealed record GatePass(string MusherId, string Checkpoint, int CheckpointIndex, int Dogs, DateTime PassedUtc);

public sealed record MusherStanding(string MusherId, string LastCheckpoint, int CheckpointIndex, int Dogs, DateTime PassedUtc);

/// <summary>
/// Consumes gate passes from every checkpoint and maintains race standings for the public leaderboard.
/// </summary>
public sealed class StandingsService
{
    private readonly Channel<GatePass> _passes = Channel.CreateUnbounded<GatePass>(new UnboundedChannelOptions { SingleReader = true });
    private ImmutableDictionary<string, MusherStanding> _published = ImmutableDictionary<string, MusherStanding>.Empty;

    /// <summary>Called by every checkpoint's gate reader.</summary>
    public bool Report(string musherId, string checkpoint, int index, int dogs) =>
        _passes.Writer.TryWrite(new GatePass(musherId, checkpoint, index, dogs, DateTime.UtcNow));

    public void Complete() => _passes.Writer.TryComplete();

    public async Task ProcessAsync(CancellationToken ct)
    {
        var standings = new Dictionary<string, MusherStanding>();

        await foreach (var pass in _passes.Reader.ReadAllAsync(ct))
        {
            if (standings.TryGetValue(pass.MusherId, out var current) && current.CheckpointIndex >= pass.CheckpointIndex)
                continue;

            standings[pass.MusherId] = new MusherStanding(pass.MusherId, pass.Checkpoint, pass.CheckpointIndex, pass.Dogs, pass.PassedUtc);

            if (_passes.Reader.Count == 0)
                Volatile.Write(ref _published, standings.ToImmutableDictionary());
        }

        Volatile.Write(ref _published, standings.ToImmutableDictionary());
    }

    public IReadOnlyList<MusherStanding> Leaderboard()
    {
        var snapshot = Volatile.Read(ref _published);
        return snapshot.Values
            .OrderByDescending(s => s.CheckpointIndex)
            .ThenBy(s => s.PassedUtc)
            .ToList();
    }

    public MusherStanding? Find(string musherId) =>
        Volatile.Read(ref _published).TryGetValue(musherId, out var s) ? s : null;
}

/// <summary>Simulated gate reader used during volunteer training.</summary>
public sealed class SimulatedGate
{
    private readonly StandingsService _service;
    private readonly string _checkpoint;
    private readonly int _index;

    public SimulatedGate(StandingsService service, string checkpoint, int index)
    {
        _service = service;
        _checkpoint = checkpoint;
        _index = index;
    }

    public Task RunAsync(IReadOnlyList<string> mushers, CancellationToken ct) => Task.Run(async () =>
    {
        foreach (var musher in mushers)
        {
            await Task.Delay(Random.Shared.Next(50, 500), ct);
            _service.Report(musher, _checkpoint, _index, Random.Shared.Next(8, 15));
        }
    }, ct);
}
