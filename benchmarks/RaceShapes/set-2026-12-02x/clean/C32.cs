using System.Collections.Concurrent;

namespace Blind24.GroundStationDsp;

/// <summary>Scratch buffers for demodulating one telemetry frame.</summary>
public sealed class DemodBuffers
{
    public DemodBuffers(int samples)
    {
        In = new float[samples * 2];
        Phase = new float[samples];
        Bits = new byte[samples / 8 + 1];
    }

    public float[] In { get; }
    public float[] Phase { get; }
    public byte[] Bits { get; }
    public int BitCount { get; set; }

    public void Reset()
    {
        Array.Clear(Phase);
        Array.Clear(Bits);
        BitCount = 0;
    }
}

/// <summary>
/// Pool of demodulation buffers shared by every downlink decoder in the ground
/// station. A rented buffer belongs to the renter until it is returned.
/// </summary>
public sealed class DemodBufferPool
{
    private readonly ConcurrentBag<DemodBuffers> _free = new();
    private readonly int _samples;
    private int _created;

    public DemodBufferPool(int samples) => _samples = samples;

    public int Created => Volatile.Read(ref _created);

    public DemodBuffers Rent()
    {
        if (_free.TryTake(out var buffers))
        {
            return buffers;
        }

        Interlocked.Increment(ref _created);
        return new DemodBuffers(_samples);
    }

    public void Return(DemodBuffers buffers)
    {
        buffers.Reset();
        _free.Add(buffers);
    }
}

/// <summary>Decodes BPSK frames received during a satellite pass.</summary>
public sealed class BpskFrameDecoder
{
    private readonly DemodBufferPool _pool;

    public BpskFrameDecoder(DemodBufferPool pool) => _pool = pool;

    public byte[] Decode(ReadOnlySpan<float> iq)
    {
        var buffers = _pool.Rent();
        try
        {
            int n = Math.Min(iq.Length, buffers.In.Length);
            iq[..n].CopyTo(buffers.In);
            int symbols = n / 2;
            for (int s = 0; s < symbols && s < buffers.Phase.Length; s++)
            {
                buffers.Phase[s] = MathF.Atan2(buffers.In[2 * s + 1], buffers.In[2 * s]);
                if (MathF.Abs(buffers.Phase[s]) < MathF.PI / 2)
                {
                    buffers.Bits[s / 8] |= (byte)(1 << (s % 8));
                }

                buffers.BitCount++;
            }

            return buffers.Bits.AsSpan(0, (buffers.BitCount + 7) / 8).ToArray();
        }
        finally
        {
            _pool.Return(buffers);
        }
    }

    public Task<byte[][]> DecodeAllAsync(IReadOnlyList<float[]> frames)
    {
        return Task.WhenAll(frames.Select(f => Task.Run(() => Decode(f))));
    }
}
