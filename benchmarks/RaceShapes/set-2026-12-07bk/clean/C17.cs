using System.Buffers;

namespace Blind63.RadioTelescope.Pulsar;

public interface IVoltageStream
{
    ValueTask<int> ReadAsync(Memory<short> buffer, CancellationToken ct);
}

/// <summary>
/// Folds digitiser output at a pulsar's period to build up its pulse
/// profile. Each block is converted into a pooled buffer and folded on the
/// thread pool; the buffer goes back to the pool once folding completes.
/// </summary>
public sealed class PulseProfileFolder
{
    private const int BlockSize = 32768;

    private readonly IVoltageStream _stream;
    private readonly double _periodSamples;
    private readonly double[] _profile;
    private readonly short[] _raw = new short[BlockSize];
    private long _samplesSeen;

    public PulseProfileFolder(IVoltageStream stream, double periodSamples, int phaseBins)
    {
        _stream = stream;
        _periodSamples = periodSamples;
        _profile = new double[phaseBins];
    }

    public async Task<double[]> FoldAsync(int blocks, CancellationToken ct)
    {
        for (int b = 0; b < blocks; b++)
        {
            int read = await _stream.ReadAsync(_raw, ct);
            if (read == 0)
            {
                break;
            }

            float[] block = ArrayPool<float>.Shared.Rent(read);
            try
            {
                for (int i = 0; i < read; i++)
                {
                    block[i] = _raw[i] / 32768f;
                }

                long startSample = _samplesSeen;
                double[] partial = await Task.Run(() => FoldBlock(block, read, startSample), ct);
                for (int p = 0; p < partial.Length; p++)
                {
                    _profile[p] += partial[p];
                }
                _samplesSeen += read;
            }
            finally
            {
                ArrayPool<float>.Shared.Return(block);
            }
        }

        return (double[])_profile.Clone();
    }

    private double[] FoldBlock(float[] block, int count, long startSample)
    {
        var partial = new double[_profile.Length];
        for (int i = 0; i < count; i++)
        {
            double phase = ((startSample + i) % _periodSamples) / _periodSamples;
            int bin = Math.Min(partial.Length - 1, (int)(phase * partial.Length));
            partial[bin] += block[i] * block[i];
        }
        return partial;
    }
}
