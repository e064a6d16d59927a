using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.EscapeRooms.Waitlist;

public sealed record WaitlistEntry(string Email, string RoomId, DateTime Session, int PartySize, DateTimeOffset JoinedAt);

public interface INotificationSender
{
    Task SendAsync(string email, string message, CancellationToken ct);
}

/// <summary>
/// Waitlist for sold-out escape room sessions. Registered as a singleton; the booking
/// site adds entries and the cancellation webhook offers freed places.
/// </summary>
public sealed class SessionWaitlist
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string RoomId, DateTime Session), List<WaitlistEntry>> _entries = new();
    private readonly INotificationSender _notifications;

    public SessionWaitlist(INotificationSender notifications) => _notifications = notifications;

    public async Task<int> JoinAsync(WaitlistEntry entry, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var key = (entry.RoomId, entry.Session);
            if (!_entries.TryGetValue(key, out var list))
            {
                list = new List<WaitlistEntry>();
                _entries[key] = list;
            }

            if (list.Any(e => string.Equals(e.Email, entry.Email, StringComparison.OrdinalIgnoreCase)))
            {
                return list.FindIndex(e => string.Equals(e.Email, entry.Email, StringComparison.OrdinalIgnoreCase)) + 1;
            }

            list.Add(entry);
            return list.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Offers freed places to the earliest waitlisted parties that fit.
    /// </summary>
    public async Task<int> OfferFreedPlacesAsync(string roomId, DateTime session, int freedPlaces, CancellationToken ct)
    {
        List<WaitlistEntry> offered = new();

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_entries.TryGetValue((roomId, session), out var list))
            {
                var remaining = freedPlaces;
                foreach (var entry in list.OrderBy(e => e.JoinedAt).ToList())
                {
                    if (entry.PartySize <= remaining)
                    {
                        remaining -= entry.PartySize;
                        offered.Add(entry);
                        list.Remove(entry);
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        foreach (var entry in offered)
        {
            await _notifications.SendAsync(
                entry.Email,
                $"{entry.PartySize} places are now free for {roomId} at {session:t}. Book within 30 minutes.",
                ct).ConfigureAwait(false);
        }

        return offered.Count;
    }

    public async Task<int> LengthAsync(string roomId, DateTime session, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _entries.TryGetValue((roomId, session), out var list) ? list.Count : 0;
        }
        finally
        {
            _gate.Release();
        }
    }
}
