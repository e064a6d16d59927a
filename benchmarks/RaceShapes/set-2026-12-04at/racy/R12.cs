using System.Buffers;
using System.Buffers.Binary;

namespace Blind46.HotAirBalloon.Telemetry;

public readonly record struct BurnerReading(long TimestampTicks, int BalloonId, float EnvelopeTempC, float FuelPressureBar, float AltitudeM);

/// <summary>
/// Encodes burner readings and pushes them over the ground-station uplink.
/// The sensor poll loop calls <see cref="Publish"/> every 200 ms; sends are
/// serialised on the uplink so the poll loop is never held up by the radio.
/// </summary>
public sealed class BurnerTelemetryShipper
{
    private const int FrameSize = 24;

    private readonly Stream _uplink;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private long _sendFailures;

    public BurnerTelemetryShipper(Stream uplink) => _uplink = uplink;

    public long SendFailures => Interlocked.Read(ref _sendFailures);

    public void Publish(BurnerReading reading)
    {
        byte[] frame = ArrayPool<byte>.Shared.Rent(FrameSize);
        try
        {
            Encode(reading, frame);
            _ = SendAsync(frame, FrameSize);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    private static void Encode(BurnerReading reading, byte[] frame)
    {
        var span = frame.AsSpan(0, FrameSize);
        BinaryPrimitives.WriteInt64LittleEndian(span, reading.TimestampTicks);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], reading.BalloonId);
        BinaryPrimitives.WriteSingleLittleEndian(span[12..], reading.EnvelopeTempC);
        BinaryPrimitives.WriteSingleLittleEndian(span[16..], reading.FuelPressureBar);
        BinaryPrimitives.WriteSingleLittleEndian(span[20..], reading.AltitudeM);
    }

    private async Task SendAsync(byte[] frame, int length)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _uplink.WriteAsync(frame.AsMemory(0, length)).ConfigureAwait(false);
        }
        catch (IOException)
        {
            Interlocked.Increment(ref _sendFailures);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}

public sealed class BurnerSensorLoop
{
    private readonly BurnerTelemetryShipper _shipper;
    private readonly Func<BurnerReading> _sample;

    public BurnerSensorLoop(BurnerTelemetryShipper shipper, Func<BurnerReading> sample)
    {
        _shipper = shipper;
        _sample = sample;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            _shipper.Publish(_sample());
    }
}
