using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Blind42.ArcheryRange.Scoring;

public readonly record struct ArrowHit(string Archer, int Lane, int Ring);

public sealed record RangeSnapshot(long Tick, ImmutableDictionary<string, int> Scores, ImmutableArray<int> ArrowsPerLane);

/// <summary>
/// Scoring server for the indoor range. Target sensors submit hits from their socket threads;
/// a fixed-rate tick loop applies them to the scoreboard and publishes an immutable snapshot
/// that the display boards and web clients read.
/// </summary>
public sealed class RangeScoringServer : IDisposable
{
    private readonly ConcurrentQueue<ArrowHit> _incoming = new();
    private readonly Dictionary<string, int> _scores = new();
    private readonly int[] _arrowsPerLane;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _tickThread;
    private RangeSnapshot _snapshot;
    private long _tick;

    public RangeScoringServer(int lanes)
    {
        _arrowsPerLane = new int[lanes];
        _snapshot = new RangeSnapshot(0, ImmutableDictionary<string, int>.Empty, ImmutableArray.Create(_arrowsPerLane));
        _tickThread = new Thread(TickLoop) { IsBackground = true, Name = "range-tick" };
    }

    public void Start() => _tickThread.Start();

    public void SubmitHit(ArrowHit hit) => _incoming.Enqueue(hit);

    public RangeSnapshot Current => Volatile.Read(ref _snapshot);

    private void TickLoop()
    {
        var period = TimeSpan.FromMilliseconds(50);
        var next = DateTime.UtcNow;
        while (!_stop.IsCancellationRequested)
        {
            var changed = false;
            while (_incoming.TryDequeue(out var hit))
            {
                if (hit.Lane < 0 || hit.Lane >= _arrowsPerLane.Length || hit.Ring is < 0 or > 10)
                {
                    continue;
                }

                _scores[hit.Archer] = _scores.GetValueOrDefault(hit.Archer) + hit.Ring;
                _arrowsPerLane[hit.Lane]++;
                changed = true;
            }

            _tick++;
            if (changed)
            {
                Volatile.Write(ref _snapshot, new RangeSnapshot(
                    _tick,
                    _scores.ToImmutableDictionary(),
                    ImmutableArray.Create(_arrowsPerLane)));
            }

            next += period;
            var delay = next - DateTime.UtcNow;
            if (delay > TimeSpan.Zero)
            {
                _stop.Token.WaitHandle.WaitOne(delay);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_tickThread.IsAlive)
        {
            _tickThread.Join();
        }
        _stop.Dispose();
    }
}
