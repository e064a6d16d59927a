using System.Buffers;

namespace Blind44.HotAirBalloons.Recording;

public readonly record struct BurnerSample(float EnvelopeTempC, float AltitudeM, float FuelPercent, long Ticks);

/// <summary>
/// Records burner and envelope telemetry during a balloon flight. The sensor thread calls
/// <see cref="Record"/>; the pilot app flushes and disposes it after landing, possibly while the
/// sensor thread is still delivering its last samples.
/// </summary>
public sealed class BurnerLog : IDisposable
{
    private readonly object _sync = new();
    private readonly Stream _output;
    private BurnerSample[]? _buffer;
    private int _count;
    private long _dropped;

    public BurnerLog(Stream output)
    {
        _output = output;
        _buffer = ArrayPool<BurnerSample>.Shared.Rent(2048);
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Record(BurnerSample sample)
    {
        lock (_sync)
        {
            if (_buffer is null)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }

            _buffer[_count++] = sample;
            if (_count == _buffer.Length)
                WriteOutLocked(_buffer);
        }
    }

    public void Flush()
    {
        lock (_sync)
        {
            if (_buffer is not null)
                WriteOutLocked(_buffer);
        }
    }

    private void WriteOutLocked(BurnerSample[] buffer)
    {
        using var writer = new BinaryWriter(_output, System.Text.Encoding.UTF8, leaveOpen: true);
        for (int i = 0; i < _count; i++)
        {
            writer.Write(buffer[i].Ticks);
            writer.Write(buffer[i].EnvelopeTempC);
            writer.Write(buffer[i].AltitudeM);
            writer.Write(buffer[i].FuelPercent);
        }
        _count = 0;
    }

    public void Dispose()
    {
        BurnerSample[]? toReturn;
        lock (_sync)
        {
            toReturn = _buffer;
            if (toReturn is null)
                return;
            WriteOutLocked(toReturn);
            _buffer = null;
        }

        ArrayPool<BurnerSample>.Shared.Return(toReturn);
    }
}

/// <summary>Flight session wiring.</summary>
public sealed class BalloonFlight
{
    public async Task FlyAsync(Func<Action<BurnerSample>, CancellationToken, Task> sensorLoop, Stream log, CancellationToken landed)
    {
        using var recorder = new BurnerLog(log);
        using var sensorStop = new CancellationTokenSource();
        var sensors = Task.Run(() => sensorLoop(recorder.Record, sensorStop.Token));
        try
        {
            await Task.Delay(Timeout.Infinite, landed);
        }
        catch (OperationCanceledException)
        {
        }
        recorder.Dispose();
        sensorStop.Cancel();
        try { await sensors; } catch (OperationCanceledException) { }
    }
}
