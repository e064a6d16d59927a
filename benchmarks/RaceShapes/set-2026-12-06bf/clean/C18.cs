using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind58.KartLapBoard;

public readonly record struct LapCrossing(int KartNumber, string Driver, long TimestampMs);

public sealed record LeaderboardRow(int KartNumber, string Driver, int Laps, long BestLapMs);

/// <summary>
/// Turns transponder crossings from the go-kart track's timing loop into a live
/// leaderboard. Loop receivers write crossings into a channel from their own threads; this
/// service is the channel's only reader and the only code that touches per-kart state.
/// </summary>
public sealed class LapTimingService : BackgroundService
{
    private readonly Channel<LapCrossing> _crossings = Channel.CreateBounded<LapCrossing>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    private readonly Dictionary<int, KartState> _karts = new();
    private IReadOnlyList<LeaderboardRow> _leaderboard = Array.Empty<LeaderboardRow>();
    private long _received;

    private sealed class KartState
    {
        public string Driver = "";
        public long LastCrossingMs = -1;
        public int Laps;
        public long BestLapMs = long.MaxValue;
    }

    public IReadOnlyList<LeaderboardRow> Leaderboard => Volatile.Read(ref _leaderboard);

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Called by each timing-loop receiver as a kart crosses the line.</summary>
    public bool OnCrossing(LapCrossing crossing)
    {
        Interlocked.Increment(ref _received);
        return _crossings.Writer.TryWrite(crossing);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var crossing in _crossings.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!_karts.TryGetValue(crossing.KartNumber, out var kart))
                {
                    kart = new KartState();
                    _karts[crossing.KartNumber] = kart;
                }

                kart.Driver = crossing.Driver;
                if (kart.LastCrossingMs >= 0)
                {
                    long lap = crossing.TimestampMs - kart.LastCrossingMs;
                    kart.Laps++;
                    kart.BestLapMs = Math.Min(kart.BestLapMs, lap);
                }

                kart.LastCrossingMs = crossing.TimestampMs;

                if (_crossings.Reader.Count == 0)
                {
                    Publish();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Publish()
    {
        var rows = _karts
            .Where(k => k.Value.Laps > 0)
            .Select(k => new LeaderboardRow(k.Key, k.Value.Driver, k.Value.Laps, k.Value.BestLapMs))
            .OrderBy(r => r.BestLapMs)
            .ToArray();
        Volatile.Write(ref _leaderboard, rows);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _crossings.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}
