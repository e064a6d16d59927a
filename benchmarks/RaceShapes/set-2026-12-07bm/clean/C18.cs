using System.Collections.Concurrent;

namespace Blind65.Watermills.Grinding;

public sealed record GrainSack(int Id, string Grain, double Kilograms);

/// <summary>
/// Distributes sacks between the mill's grinding stones. Each stone has its own
/// hopper; a stone whose hopper runs dry takes sacks from the busiest other hopper.
/// </summary>
public sealed class MillStoneScheduler
{
    private readonly ConcurrentQueue<GrainSack>[] _hoppers;
    private int _nextHopper = -1;
    private long _milledGrams;

    public MillStoneScheduler(int stones)
    {
        _hoppers = new ConcurrentQueue<GrainSack>[stones];
        for (var i = 0; i < stones; i++)
        {
            _hoppers[i] = new ConcurrentQueue<GrainSack>();
        }
    }

    public double MilledKilograms => Interlocked.Read(ref _milledGrams) / 1000.0;

    /// <summary>Called by the sack hoist whenever a cart arrives.</summary>
    public void Deliver(GrainSack sack)
    {
        var index = (int)((uint)Interlocked.Increment(ref _nextHopper) % (uint)_hoppers.Length);
        _hoppers[index].Enqueue(sack);
    }

    public Task RunStonesAsync(Func<int, GrainSack, Task> grind, CancellationToken token)
    {
        var stones = new Task[_hoppers.Length];
        for (var i = 0; i < stones.Length; i++)
        {
            var stone = i;
            stones[i] = Task.Run(() => RunStoneAsync(stone, grind, token), token);
        }
        return Task.WhenAll(stones);
    }

    private async Task RunStoneAsync(int stone, Func<int, GrainSack, Task> grind, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            if (_hoppers[stone].TryDequeue(out var sack) || TrySteal(stone, out sack))
            {
                await grind(stone, sack!).ConfigureAwait(false);
                Interlocked.Add(ref _milledGrams, (long)(sack!.Kilograms * 1000));
            }
            else
            {
                await Task.Delay(100, token).ConfigureAwait(false);
            }
        }
    }

    private bool TrySteal(int thief, out GrainSack? sack)
    {
        var victim = -1;
        var most = 0;
        for (var i = 0; i < _hoppers.Length; i++)
        {
            if (i == thief)
            {
                continue;
            }
            var count = _hoppers[i].Count;
            if (count > most)
            {
                most = count;
                victim = i;
            }
        }

        sack = null;
        return victim >= 0 && _hoppers[victim].TryDequeue(out sack);
    }
}
