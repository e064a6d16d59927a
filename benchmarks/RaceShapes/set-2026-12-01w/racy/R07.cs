using System.Threading.Channels;

namespace CityMarathon.Timing.Splits;

public readonly record struct ChipRead(int Bib, string Checkpoint, TimeSpan GunTime);

/// <summary>
/// Consumes chip reads from the timing mats and keeps the fastest split per checkpoint
/// for the live leaderboard. Several consumer loops drain the channel to keep up with
/// the mass start.
/// </summary>
public sealed class SplitAggregator
{
    private readonly Channel<ChipRead> _reads = Channel.CreateBounded<ChipRead>(
        new BoundedChannelOptions(10_000)
        {
            SingleReader = false,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });

    private readonly Dictionary<string, (int Bib, TimeSpan Time)> _fastest = new();
    private readonly int _consumerCount;

    public SplitAggregator(int consumerCount = 3)
    {
        _consumerCount = consumerCount;
    }

    public ValueTask PublishAsync(ChipRead read, CancellationToken ct) => _reads.Writer.WriteAsync(read, ct);

    public void CompletePublishing() => _reads.Writer.TryComplete();

    public Task RunAsync(CancellationToken ct)
    {
        var loops = new Task[_consumerCount];
        for (int i = 0; i < loops.Length; i++)
        {
            loops[i] = Task.Run(() => ConsumeAsync(ct), ct);
        }
        return Task.WhenAll(loops);
    }

    private async Task ConsumeAsync(CancellationToken ct)
    {
        await foreach (var read in _reads.Reader.ReadAllAsync(ct))
        {
            if (read.GunTime <= TimeSpan.Zero)
            {
                continue; // mat reported before the gun, ignore
            }

            if (!_fastest.TryGetValue(read.Checkpoint, out var best) || read.GunTime < best.Time)
            {
                _fastest[read.Checkpoint] = (read.Bib, read.GunTime);
            }
        }
    }

    /// <summary>Called after <see cref="RunAsync"/> has completed.</summary>
    public IReadOnlyDictionary<string, (int Bib, TimeSpan Time)> Results() => _fastest;
}
