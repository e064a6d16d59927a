using System.Collections.Concurrent;

namespace Blind48.HotSprings.Sauna;

public interface IHumiditySensor
{
    double ReadPercent(string roomId);
}

public sealed record SteamRoomReading(string RoomId, double HumidityPercent, DateTimeOffset TakenAt);

/// <summary>
/// Samples humidity in each steam room on a timer and hands an hourly summary
/// to the maintenance log.
/// </summary>
public sealed class SteamRoomSampler : IDisposable
{
    private readonly IHumiditySensor _sensor;
    private readonly IReadOnlyList<string> _roomIds;
    private readonly Action<IReadOnlyCollection<SteamRoomReading>> _publishSummary;
    private readonly ConcurrentDictionary<string, SteamRoomReading> _latest = new();
    private readonly Timer _timer;
    private int _sampling;
    private int _roundsSinceSummary;
    private long _skippedTicks;

    public SteamRoomSampler(
        IHumiditySensor sensor,
        IEnumerable<string> roomIds,
        Action<IReadOnlyCollection<SteamRoomReading>> publishSummary)
    {
        _sensor = sensor;
        _roomIds = roomIds.ToArray();
        _publishSummary = publishSummary;
        _timer = new Timer(OnTick, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    public long SkippedTicks => Interlocked.Read(ref _skippedTicks);

    public SteamRoomReading? Latest(string roomId) =>
        _latest.TryGetValue(roomId, out var r) ? r : null;

    private void OnTick(object? state)
    {
        if (Interlocked.CompareExchange(ref _sampling, 1, 0) != 0)
        {
            Interlocked.Increment(ref _skippedTicks);
            return;
        }

        try
        {
            foreach (var roomId in _roomIds)
            {
                try
                {
                    var humidity = _sensor.ReadPercent(roomId);
                    _latest[roomId] = new SteamRoomReading(roomId, humidity, DateTimeOffset.UtcNow);
                }
                catch (IOException)
                {
                }
            }

            _roundsSinceSummary++;
            if (_roundsSinceSummary >= 3600)
            {
                _roundsSinceSummary = 0;
                _publishSummary(_latest.Values.ToArray());
            }
        }
        finally
        {
            Volatile.Write(ref _sampling, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
