using System.Buffers;

namespace Blind44.HotAirBalloons.FlightLog;

public readonly record struct EnvelopeSample(float EnvelopeTempC, float AltitudeM, float VerticalSpeed, long Ticks);

/// <summary>
/// In-flight recorder for a balloon's envelope sensors. Sensor callbacks call <see cref="Record"/>
/// from the serial port thread; the pilot app disposes the recorder when the basket lands.
/// </summary>
public sealed class FlightRecorder : IDisposable
{
    private readonly object _sync = new();
    private readonly Stream _output;
    private EnvelopeSample[]? _buffer;
    private int _count;
    private volatile bool _disposed;

    public FlightRecorder(Stream output)
    {
        _output = output;
        _buffer = ArrayPool<EnvelopeSample>.Shared.Rent(4096);
    }

    public void Record(EnvelopeSample sample)
    {
        lock (_sync)
        {
            if (_disposed || _buffer is null)
                return;

            _buffer[_count++] = sample;
            if (_count == _buffer.Length)
                FlushLocked();
        }
    }

    public void Flush()
    {
        lock (_sync)
        {
            if (!_disposed)
                FlushLocked();
        }
    }

    private void FlushLocked()
    {
        using var writer = new BinaryWriter(_output, System.Text.Encoding.UTF8, leaveOpen: true);
        for (int i = 0; i < _count; i++)
        {
            var s = _buffer![i];
            writer.Write(s.Ticks);
            writer.Write(s.EnvelopeTempC);
            writer.Write(s.AltitudeM);
            writer.Write(s.VerticalSpeed);
        }
        _count = 0;
    }

    public void Dispose()
    {
        if (_disposed)
            return;

        Flush();
        _disposed = true;
        var buffer = _buffer;
        _buffer = null;
        if (buffer is not null)
            ArrayPool<EnvelopeSample>.Shared.Return(buffer);
    }
}

/// <summary>Wires the serial sensor feed into a recorder for the duration of a flight.</summary>
public sealed class FlightSession
{
    public async Task FlyAsync(Func<Action<EnvelopeSample>, CancellationToken, Task> sensorLoop, Stream log, CancellationToken landed)
    {
        var recorder = new FlightRecorder(log);
        var sensors = Task.Run(() => sensorLoop(recorder.Record, CancellationToken.None));
        try
        {
            await Task.Delay(Timeout.Infinite, landed);
        }
        catch (OperationCanceledException)
        {
        }
        recorder.Dispose();
        await sensors;
    }
}
