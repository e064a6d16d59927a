using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Contoso.Realtime.Presence
{
    /// <summary>
    /// Maps users to their live hub connections. Connect and disconnect
    /// notifications arrive on transport threads; the push service reads the
    /// current set when fanning out a notification.
    /// </summary>
    public sealed class PresenceTracker
    {
        private readonly ConcurrentDictionary<string, ImmutableHashSet<string>> _connectionsByUser =
            new(StringComparer.Ordinal);

        private readonly ConcurrentDictionary<string, string> _userByConnection =
            new(StringComparer.Ordinal);

        public void Connected(string userId, string connectionId)
        {
            _userByConnection[connectionId] = userId;
            _connectionsByUser.AddOrUpdate(
                userId,
                static (_, id) => ImmutableHashSet.Create(StringComparer.Ordinal, id),
                static (_, existing, id) => existing.Add(id),
                connectionId);
        }

        public void Disconnected(string connectionId)
        {
            if (!_userByConnection.TryRemove(connectionId, out var userId))
            {
                return;
            }

            while (_connectionsByUser.TryGetValue(userId, out var existing))
            {
                var updated = existing.Remove(connectionId);
                if (updated.IsEmpty)
                {
                    if (_connectionsByUser.TryRemove(new KeyValuePair<string, ImmutableHashSet<string>>(userId, existing)))
                    {
                        return;
                    }
                }
                else if (_connectionsByUser.TryUpdate(userId, updated, existing))
                {
                    return;
                }
            }
        }

        public IReadOnlyCollection<string> ConnectionsFor(string userId) =>
            _connectionsByUser.TryGetValue(userId, out var set) ? set : ImmutableHashSet<string>.Empty;

        public bool IsOnline(string userId) => _connectionsByUser.ContainsKey(userId);

        public int OnlineUsers => _connectionsByUser.Count;
    }
}
