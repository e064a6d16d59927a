using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Chat.Rooms
{
    public interface IClientConnection
    {
        string UserId { get; }
        ValueTask SendAsync(string message);
    }

    /// <summary>
    /// A chat room. Joins, leaves and broadcasts come from the connection
    /// handlers of different members at the same time. Broadcasts far
    /// outnumber membership changes.
    /// </summary>
    public sealed class ChatRoom
    {
        private IClientConnection[] _members = Array.Empty<IClientConnection>();

        public ChatRoom(string name)
        {
            Name = name;
        }

        public string Name { get; }

        public int MemberCount => Volatile.Read(ref _members).Length;

        public bool Join(IClientConnection connection)
        {
            while (true)
            {
                var current = Volatile.Read(ref _members);
                if (Array.IndexOf(current, connection) >= 0)
                    return false;

                var updated = new IClientConnection[current.Length + 1];
                Array.Copy(current, updated, current.Length);
                updated[current.Length] = connection;

                if (Interlocked.CompareExchange(ref _members, updated, current) == current)
                    return true;
            }
        }

        public bool Leave(IClientConnection connection)
        {
            while (true)
            {
                var current = Volatile.Read(ref _members);
                int index = Array.IndexOf(current, connection);
                if (index < 0)
                    return false;

                var updated = new IClientConnection[current.Length - 1];
                Array.Copy(current, 0, updated, 0, index);
                Array.Copy(current, index + 1, updated, index, current.Length - index - 1);

                if (Interlocked.CompareExchange(ref _members, updated, current) == current)
                    return true;
            }
        }

        public async Task BroadcastAsync(string fromUserId, string text)
        {
            var snapshot = Volatile.Read(ref _members);
            var message = $"[{Name}] {fromUserId}: {text}";
            await Task.WhenAll(snapshot
                .Where(m => m.UserId != fromUserId)
                .Select(m => m.SendAsync(message).AsTask()));
        }
    }
}
