using System.Buffers;
using System.Buffers.Binary;

namespace Blind46.HotAirBalloon.Tracking;

public readonly record struct GpsFix(long TimestampTicks, int BalloonId, double Latitude, double Longitude, float AltitudeM);

/// <summary>
/// Sends GPS fixes for the operator's balloons to the chase-vehicle tracker.
/// Called from each balloon's poll loop; the uplink accepts one frame at a time.
/// </summary>
public sealed class ChaseTrackerUplink
{
    private const int FrameSize = 32;

    private readonly Stream _uplink;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private long _framesSent;

    public ChaseTrackerUplink(Stream uplink) => _uplink = uplink;

    public long FramesSent => Interlocked.Read(ref _framesSent);

    public async Task PublishAsync(GpsFix fix, CancellationToken ct)
    {
        byte[] frame = ArrayPool<byte>.Shared.Rent(FrameSize);
        try
        {
            Encode(fix, frame);

            await _writeLock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await _uplink.WriteAsync(frame.AsMemory(0, FrameSize), ct).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }

            Interlocked.Increment(ref _framesSent);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    private static void Encode(GpsFix fix, byte[] frame)
    {
        var span = frame.AsSpan(0, FrameSize);
        BinaryPrimitives.WriteInt64LittleEndian(span, fix.TimestampTicks);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], fix.BalloonId);
        BinaryPrimitives.WriteDoubleLittleEndian(span[12..], fix.Latitude);
        BinaryPrimitives.WriteDoubleLittleEndian(span[20..], fix.Longitude);
        BinaryPrimitives.WriteSingleLittleEndian(span[28..], fix.AltitudeM);
    }
}

public sealed class BalloonPollLoop
{
    private readonly ChaseTrackerUplink _uplink;

    public BalloonPollLoop(ChaseTrackerUplink uplink) => _uplink = uplink;

    public async Task RunAsync(IReadOnlyList<Func<GpsFix>> balloons, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            await Task.WhenAll(balloons.Select(read => _uplink.PublishAsync(read(), ct))).ConfigureAwait(false);
        }
    }
}
