using System.Runtime.InteropServices;

namespace Blind54.Coaster.Restraints;

/// <summary>
/// Counts lap-bar lock/unlock operations across all trains. Restraint controllers report on
/// many threads at once; the maintenance view sums the shards when the inspector opens it.
/// </summary>
public sealed class RestraintCycleCounter
{
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    private struct PaddedCount
    {
        [FieldOffset(0)]
        public long Value;
    }

    private readonly PaddedCount[] _shards;

    public RestraintCycleCounter()
    {
        _shards = new PaddedCount[Math.Max(4, Environment.ProcessorCount)];
    }

    public void Record(int seatNumber)
    {
        var shard = (seatNumber & int.MaxValue) % _shards.Length;
        Interlocked.Increment(ref _shards[shard].Value);
    }

    public void RecordMany(int seatNumber, int cycles)
    {
        var shard = (seatNumber & int.MaxValue) % _shards.Length;
        Interlocked.Add(ref _shards[shard].Value, cycles);
    }

    public long Sum()
    {
        long total = 0;
        for (var i = 0; i < _shards.Length; i++)
        {
            total += Interlocked.Read(ref _shards[i].Value);
        }

        return total;
    }
}

/// <summary>Replays a day of controller logs into the counter.</summary>
public static class RestraintLogImporter
{
    public static long Import(RestraintCycleCounter counter, IEnumerable<(int Seat, int Cycles)> entries)
    {
        Parallel.ForEach(entries, entry => counter.RecordMany(entry.Seat, entry.Cycles));
        return counter.Sum();
    }
}
