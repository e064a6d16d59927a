using System.Threading.Channels;

namespace Theatre.Rigging.Counterweights;

public readonly record struct ArborMove(int Cue, int LineSet, double TrimMetres, int BricksDelta);

public interface IArborDrive
{
    ValueTask MoveAsync(ArborMove move, CancellationToken ct);
}

/// <summary>
/// Executes counterweight arbor moves for a cue. The cue reader creates one
/// immutable move per line set and the fly crew drains them in parallel, one
/// crew task per rail.
/// </summary>
public sealed class CounterweightCrew
{
    private readonly IArborDrive _drive;
    private readonly int _rails;
    private int _completed;
    private long _bricksMoved;

    public CounterweightCrew(IArborDrive drive, int rails)
    {
        _drive = drive;
        _rails = rails;
    }

    public int Completed => Volatile.Read(ref _completed);
    public long BricksMoved => Interlocked.Read(ref _bricksMoved);

    public async Task<int> RunCueAsync(int cue, IReadOnlyList<(int LineSet, double Trim, int Bricks)> plan, CancellationToken ct)
    {
        var moves = Channel.CreateBounded<ArborMove>(new BoundedChannelOptions(8)
        {
            SingleWriter = true,
            SingleReader = false,
        });

        var crew = Enumerable.Range(0, _rails)
            .Select(_ => Task.Run(() => WorkRailAsync(moves.Reader, ct), ct))
            .ToArray();

        foreach (var (lineSet, trim, bricks) in plan)
        {
            await moves.Writer.WriteAsync(new ArborMove(cue, lineSet, trim, bricks), ct).ConfigureAwait(false);
        }
        moves.Writer.Complete();

        var perRail = await Task.WhenAll(crew).ConfigureAwait(false);
        return perRail.Sum();
    }

    private async Task<int> WorkRailAsync(ChannelReader<ArborMove> reader, CancellationToken ct)
    {
        int mine = 0;
        await foreach (var move in reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            await _drive.MoveAsync(move, ct).ConfigureAwait(false);
            mine++;
            Interlocked.Increment(ref _completed);
            Interlocked.Add(ref _bricksMoved, Math.Abs(move.BricksDelta));
        }
        return mine;
    }
}
