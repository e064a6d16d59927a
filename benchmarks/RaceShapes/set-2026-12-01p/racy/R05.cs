using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Blind16.EscapeRooms.Booking;

public enum BookingOutcome
{
    Confirmed,
    SessionFull,
    UnknownRoom,
}

/// <summary>
/// One scheduled run of a room. Created on first booking.
/// </summary>
public sealed class RoomSession
{
    public RoomSession(string roomId, DateTime startsAt, int capacity)
    {
        RoomId = roomId;
        StartsAt = startsAt;
        Capacity = capacity;
    }

    public string RoomId { get; }
    public DateTime StartsAt { get; }
    public int Capacity { get; }
    public int PlayersBooked { get; set; }
}

/// <summary>
/// Holds the player count of every upcoming session. Registered as a singleton and
/// called by the public booking site and the front-desk walk-in screen.
/// </summary>
public sealed class SessionBookingService
{
    private readonly IReadOnlyDictionary<string, int> _roomCapacities;
    private readonly ConcurrentDictionary<(string RoomId, DateTime StartsAt), RoomSession> _sessions = new();

    public SessionBookingService(IReadOnlyDictionary<string, int> roomCapacities)
    {
        _roomCapacities = roomCapacities;
    }

    public BookingOutcome Book(string roomId, DateTime startsAt, int partySize)
    {
        if (partySize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(partySize));
        }

        if (!_roomCapacities.TryGetValue(roomId, out var capacity))
        {
            return BookingOutcome.UnknownRoom;
        }

        var session = _sessions.GetOrAdd((roomId, startsAt), key => new RoomSession(key.RoomId, key.StartsAt, capacity));

        if (session.PlayersBooked + partySize > session.Capacity)
        {
            return BookingOutcome.SessionFull;
        }

        session.PlayersBooked += partySize;
        return BookingOutcome.Confirmed;
    }

    public int RemainingPlaces(string roomId, DateTime startsAt)
    {
        if (_sessions.TryGetValue((roomId, startsAt), out var session))
        {
            return session.Capacity - session.PlayersBooked;
        }

        return _roomCapacities.TryGetValue(roomId, out var capacity) ? capacity : 0;
    }

    public IEnumerable<RoomSession> SessionsOn(DateOnly day)
    {
        foreach (var pair in _sessions)
        {
            if (DateOnly.FromDateTime(pair.Key.StartsAt) == day)
            {
                yield return pair.Value;
            }
        }
    }
}
