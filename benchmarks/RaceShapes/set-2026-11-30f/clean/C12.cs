namespace Audio.Processing;

public sealed class SampleBlock
{
    public SampleBlock(int length) => Samples = new float[length];

    public float[] Samples { get; }
}

/// <summary>
/// Pool of sample blocks shared by the mixer threads.
/// </summary>
public sealed class SampleBlockPool
{
    private readonly SampleBlock?[] _slots;
    private readonly int _blockLength;
    private long _misses;

    public SampleBlockPool(int blockLength, int capacity = 16)
    {
        _blockLength = blockLength;
        _slots = new SampleBlock?[capacity];
    }

    public long Misses => Interlocked.Read(ref _misses);

    public SampleBlock Rent()
    {
        var slots = _slots;
        for (var i = 0; i < slots.Length; i++)
        {
            var block = Volatile.Read(ref slots[i]);
            if (block != null && Interlocked.CompareExchange(ref slots[i], null, block) == block)
            {
                return block;
            }
        }

        Interlocked.Increment(ref _misses);
        return new SampleBlock(_blockLength);
    }

    public void Return(SampleBlock block)
    {
        if (block.Samples.Length != _blockLength)
        {
            return;
        }

        Array.Clear(block.Samples);
        var slots = _slots;
        for (var i = 0; i < slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref slots[i], block, null) == null)
            {
                return;
            }
        }
    }
}

public sealed class Mixer
{
    private readonly SampleBlockPool _pool = new(4096);

    public float[] MixTracks(IReadOnlyList<float[]> tracks, float gain)
    {
        var output = new float[tracks.Max(t => t.Length)];
        var partials = new float[tracks.Count][];

        Parallel.For(0, tracks.Count, t =>
        {
            var block = _pool.Rent();
            try
            {
                var track = tracks[t];
                var result = new float[track.Length];
                for (var offset = 0; offset < track.Length; offset += block.Samples.Length)
                {
                    var count = Math.Min(block.Samples.Length, track.Length - offset);
                    for (var i = 0; i < count; i++)
                    {
                        block.Samples[i] = track[offset + i] * gain;
                    }

                    Array.Copy(block.Samples, 0, result, offset, count);
                }

                partials[t] = result;
            }
            finally
            {
                _pool.Return(block);
            }
        });

        foreach (var partial in partials)
        {
            for (var i = 0; i < partial.Length; i++)
            {
                output[i] += partial[i];
            }
        }

        return output;
    }
}
