using System.Buffers;

namespace Blind63.RadioTelescope.Capture;

public interface ISampleSource
{
    /// <summary>Fills <paramref name="buffer"/> with raw ADC counts and returns how many were written.</summary>
    ValueTask<int> ReadAsync(Memory<short> buffer, CancellationToken ct);
}

public interface ISpectrumSink
{
    void Publish(long blockNumber, float[] powerBins);
}

/// <summary>
/// Reads blocks of samples from the digitiser and hands each one to a
/// background task that folds it into a coarse power spectrum.
/// </summary>
public sealed class SpectrumCapture
{
    private const int BlockSize = 16384;
    private const int Bins = 256;

    private readonly ISampleSource _source;
    private readonly ISpectrumSink _sink;
    private readonly List<Task> _pending = new();
    private readonly short[] _raw = new short[BlockSize];
    private readonly float _voltsPerCount;

    public SpectrumCapture(ISampleSource source, ISpectrumSink sink, float voltsPerCount)
    {
        _source = source;
        _sink = sink;
        _voltsPerCount = voltsPerCount;
    }

    public async Task RunAsync(long blocks, CancellationToken ct)
    {
        for (long block = 0; block < blocks; block++)
        {
            float[] buffer = ArrayPool<float>.Shared.Rent(BlockSize);
            try
            {
                int read = await _source.ReadAsync(_raw, ct);
                if (read == 0)
                {
                    break;
                }

                for (int i = 0; i < read; i++)
                {
                    buffer[i] = _raw[i] * _voltsPerCount;
                }

                long blockNumber = block;
                _pending.Add(Task.Run(() => Fold(blockNumber, buffer, read), ct));
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buffer);
            }

            _pending.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(_pending);
    }

    private void Fold(long blockNumber, float[] samples, int count)
    {
        var power = new float[Bins];
        int perBin = Math.Max(1, count / Bins);

        for (int i = 0; i < count; i++)
        {
            int bin = Math.Min(Bins - 1, i / perBin);
            float s = samples[i];
            power[bin] += s * s;
        }

        for (int b = 0; b < Bins; b++)
        {
            power[b] /= perBin;
        }

        _sink.Publish(blockNumber, power);
    }
}
