using System.Collections.Concurrent;

namespace Contoso.Realtime
{
    /// <summary>
    /// Tracks which connections belong to which user so that notifications can
    /// be pushed to every open tab or device of that user. The hub calls
    /// <see cref="OnConnected"/> and <see cref="OnDisconnected"/> from the
    /// transport threads; the notification service calls <see cref="GetConnections"/>.
    /// </summary>
    public sealed class UserConnectionRegistry
    {
        private readonly ConcurrentDictionary<string, List<string>> _connectionsByUser =
            new(StringComparer.Ordinal);

        private readonly ConcurrentDictionary<string, string> _userByConnection =
            new(StringComparer.Ordinal);

        public void OnConnected(string userId, string connectionId)
        {
            _userByConnection[connectionId] = userId;

            var connections = _connectionsByUser.GetOrAdd(userId, _ => new List<string>());
            connections.Add(connectionId);
        }

        public void OnDisconnected(string connectionId)
        {
            if (!_userByConnection.TryRemove(connectionId, out var userId))
            {
                return;
            }

            if (_connectionsByUser.TryGetValue(userId, out var connections))
            {
                connections.Remove(connectionId);
            }
        }

        public IReadOnlyList<string> GetConnections(string userId)
        {
            return _connectionsByUser.TryGetValue(userId, out var connections)
                ? connections.ToArray()
                : Array.Empty<string>();
        }

        public bool IsOnline(string userId) => GetConnections(userId).Count > 0;

        public int OnlineUserCount => _connectionsByUser.Count(kv => kv.Value.Count > 0);
    }
}
