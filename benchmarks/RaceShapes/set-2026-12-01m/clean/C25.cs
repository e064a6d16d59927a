using System.Collections.Concurrent;

namespace Hospitality.Housekeeping;

/// <summary>
/// Assigns checked-out rooms to housekeeping attendants in rotation. Room checkouts are
/// reported by the front desk; assignments are made on a periodic timer.
/// </summary>
public sealed class HousekeepingDispatcher : IDisposable
{
    private readonly ConcurrentQueue<int> _checkedOut = new();
    private readonly IReadOnlyList<string> _attendants;
    private readonly Action<string, int> _notify;
    private readonly TimeSpan _interval;
    private readonly Timer _timer;
    private volatile bool _disposed;
    private int _nextAttendant;
    private readonly Dictionary<string, int> _roomsToday = new(StringComparer.Ordinal);

    public HousekeepingDispatcher(IReadOnlyList<string> attendants, Action<string, int> notify, TimeSpan interval)
    {
        _attendants = attendants;
        _notify = notify;
        _interval = interval;
        _timer = new Timer(OnTick, null, Timeout.Infinite, Timeout.Infinite);
        _timer.Change(_interval, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Called by front desk terminals.</summary>
    public void RoomCheckedOut(int roomNumber) => _checkedOut.Enqueue(roomNumber);

    private void OnTick(object? state)
    {
        try
        {
            while (_checkedOut.TryDequeue(out var room))
            {
                var attendant = PickAttendant();
                _roomsToday[attendant] = _roomsToday.GetValueOrDefault(attendant) + 1;
                _notify(attendant, room);
            }
        }
        finally
        {
            if (!_disposed)
            {
                try
                {
                    _timer.Change(_interval, Timeout.InfiniteTimeSpan);
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
    }

    private string PickAttendant()
    {
        for (var tries = 0; tries < _attendants.Count; tries++)
        {
            var candidate = _attendants[_nextAttendant];
            _nextAttendant = (_nextAttendant + 1) % _attendants.Count;
            if (_roomsToday.GetValueOrDefault(candidate) < 14)
            {
                return candidate;
            }
        }

        return _attendants[_nextAttendant];
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }
}
