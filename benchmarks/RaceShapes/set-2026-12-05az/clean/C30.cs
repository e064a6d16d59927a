using System;
using System.Buffers;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Blind52.TideGauge.Frames;

public readonly record struct SampleFrame(short[] Buffer, int Length, DateTimeOffset CapturedAt);

public interface IGaugeSerialPort
{
    ValueTask<int> ReadSamplesAsync(Memory<short> destination, CancellationToken ct);
}

/// <summary>
/// Moves raw pressure-sensor frames from the gauge's serial port to the
/// filtering stage. Frame buffers come from the shared array pool.
/// </summary>
public sealed class GaugeFramePipeline
{
    private const int FrameSize = 4096;

    private readonly Channel<SampleFrame> _frames = Channel.CreateBounded<SampleFrame>(
        new BoundedChannelOptions(32) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly ArrayPool<short> _pool = ArrayPool<short>.Shared;
    private readonly Action<double> _publishLevel;

    public GaugeFramePipeline(Action<double> publishLevel) => _publishLevel = publishLevel;

    public Task RunAsync(IGaugeSerialPort port, CancellationToken ct) =>
        Task.WhenAll(Task.Run(() => CaptureAsync(port, ct)), Task.Run(ProcessAsync));

    private async Task CaptureAsync(IGaugeSerialPort port, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var buffer = _pool.Rent(FrameSize);
                bool handedOver = false;
                try
                {
                    int read = await port.ReadSamplesAsync(buffer.AsMemory(0, FrameSize), ct).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    await _frames.Writer.WriteAsync(new SampleFrame(buffer, read, DateTimeOffset.UtcNow), ct).ConfigureAwait(false);
                    handedOver = true;
                }
                finally
                {
                    if (!handedOver)
                    {
                        _pool.Return(buffer);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }

    private async Task ProcessAsync()
    {
        await foreach (var frame in _frames.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                _publishLevel(MeanLevelMetres(frame.Buffer.AsSpan(0, frame.Length)));
            }
            finally
            {
                _pool.Return(frame.Buffer);
            }
        }
    }

    private static double MeanLevelMetres(ReadOnlySpan<short> raw)
    {
        long sum = 0;
        foreach (short value in raw)
        {
            sum += value;
        }

        // 1 count = 0.5 mm of water above the sensor datum.
        return raw.Length == 0 ? 0 : sum / (double)raw.Length * 0.0005;
    }
}
