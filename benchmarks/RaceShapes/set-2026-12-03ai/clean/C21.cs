using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Blind35.RiverFerry.Tracking;

public sealed record FerryPosition(string Vessel, double Lat, double Lon, double KnotsOverGround, DateTime At);

public interface IAisReceiver
{
    /// <summary>Raised on the receiver's socket thread for every decoded position message.</summary>
    event Action<FerryPosition> PositionDecoded;
}

/// <summary>
/// Server-streaming endpoint: each subscriber gets its own channel fed by the AIS receiver
/// and reads it as an async stream until it disconnects.
/// </summary>
public sealed class CrossingStreamService
{
    private readonly IAisReceiver _receiver;

    public CrossingStreamService(IAisReceiver receiver) => _receiver = receiver;

    public async IAsyncEnumerable<FerryPosition> StreamCrossingsAsync(
        string vessel,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<FerryPosition>(new BoundedChannelOptions(32)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.DropOldest,
        });

        void OnPosition(FerryPosition p)
        {
            if (p.Vessel == vessel)
            {
                channel.Writer.TryWrite(p);
            }
        }

        _receiver.PositionDecoded += OnPosition;
        try
        {
            FerryPosition? previous = null;
            await foreach (var position in channel.Reader.ReadAllAsync(ct))
            {
                // Suppress duplicates while the ferry is tied up at the landing stage.
                if (previous is not null && position.KnotsOverGround < 0.2 && previous.KnotsOverGround < 0.2)
                {
                    continue;
                }

                previous = position;
                yield return position;
            }
        }
        finally
        {
            _receiver.PositionDecoded -= OnPosition;
            channel.Writer.TryComplete();
        }
    }
}

public sealed class CrossingTimer
{
    public static async Task<TimeSpan?> TimeNextCrossingAsync(CrossingStreamService service, string vessel, CancellationToken ct)
    {
        DateTime? departed = null;
        await foreach (var p in service.StreamCrossingsAsync(vessel, ct))
        {
            if (departed is null && p.KnotsOverGround > 1)
            {
                departed = p.At;
            }
            else if (departed is not null && p.KnotsOverGround < 0.2)
            {
                return p.At - departed.Value;
            }
        }

        return null;
    }
}
