using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CityMarathon.Timing.Leaders;

public readonly record struct MatRead(int Bib, string Checkpoint, TimeSpan GunTime);

public readonly record struct FastestSplit(int Bib, TimeSpan Time);

/// <summary>
/// Drains timing-mat reads with several consumer loops and keeps the fastest split per
/// checkpoint. The leaderboard endpoint reads <see cref="Leader"/> while runners are on the course.
/// </summary>
public sealed class CheckpointLeaderTracker
{
    private readonly Channel<MatRead> _reads = Channel.CreateBounded<MatRead>(
        new BoundedChannelOptions(10_000) { SingleReader = false, SingleWriter = false });

    private readonly ConcurrentDictionary<string, FastestSplit> _fastest = new();
    private long _processed;

    public ValueTask PublishAsync(MatRead read, CancellationToken ct) => _reads.Writer.WriteAsync(read, ct);

    public void CompletePublishing() => _reads.Writer.TryComplete();

    public long Processed => Interlocked.Read(ref _processed);

    public FastestSplit? Leader(string checkpoint)
        => _fastest.TryGetValue(checkpoint, out var s) ? s : null;

    public Task RunAsync(int consumers, CancellationToken ct)
    {
        var loops = Enumerable.Range(0, consumers)
            .Select(_ => Task.Run(() => ConsumeAsync(ct), ct))
            .ToArray();
        return Task.WhenAll(loops);
    }

    private async Task ConsumeAsync(CancellationToken ct)
    {
        await foreach (var read in _reads.Reader.ReadAllAsync(ct))
        {
            if (read.GunTime <= TimeSpan.Zero)
            {
                continue;
            }

            var candidate = new FastestSplit(read.Bib, read.GunTime);
            _fastest.AddOrUpdate(
                read.Checkpoint,
                candidate,
                (_, existing) => candidate.Time < existing.Time ? candidate : existing);

            Interlocked.Increment(ref _processed);
        }
    }

    public IReadOnlyDictionary<string, FastestSplit> Snapshot()
        => new Dictionary<string, FastestSplit>(_fastest);
}
