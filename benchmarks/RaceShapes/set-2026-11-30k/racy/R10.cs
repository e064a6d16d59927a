using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Chat.Presence
{
    public sealed class ConnectionEventArgs : EventArgs
    {
        public ConnectionEventArgs(string userId, string connectionId)
        {
            UserId = userId;
            ConnectionId = connectionId;
        }

        public string UserId { get; }
        public string ConnectionId { get; }
    }

    /// <summary>
    /// Transport abstraction supplied by the realtime gateway library. Events
    /// are raised on the gateway's socket I/O threads.
    /// </summary>
    public interface IRealtimeGateway
    {
        event EventHandler<ConnectionEventArgs> Connected;
        event EventHandler<ConnectionEventArgs> Disconnected;
    }

    public sealed record UserProfile(string UserId, string DisplayName, string AvatarUrl);

    public interface IUserDirectory
    {
        Task<UserProfile> GetProfileAsync(string userId);
    }

    /// <summary>
    /// Keeps the list of users currently online for the contact sidebar.
    /// </summary>
    public sealed class PresenceTracker : IDisposable
    {
        private readonly IRealtimeGateway _gateway;
        private readonly IUserDirectory _directory;
        private readonly Dictionary<string, UserProfile> _online = new(StringComparer.Ordinal);

        public PresenceTracker(IRealtimeGateway gateway, IUserDirectory directory)
        {
            _gateway = gateway;
            _directory = directory;
            _gateway.Connected += OnConnected;
            _gateway.Disconnected += OnDisconnected;
        }

        public IReadOnlyList<UserProfile> OnlineUsers()
        {
            return _online.Values.OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
        }

        private async void OnConnected(object? sender, ConnectionEventArgs e)
        {
            UserProfile profile;
            try
            {
                profile = await _directory.GetProfileAsync(e.UserId).ConfigureAwait(false);
            }
            catch (Exception)
            {
                profile = new UserProfile(e.UserId, e.UserId, string.Empty);
            }

            _online[e.UserId] = profile;
        }

        private void OnDisconnected(object? sender, ConnectionEventArgs e)
        {
            _online.Remove(e.UserId);
        }

        public void Dispose()
        {
            _gateway.Connected -= OnConnected;
            _gateway.Disconnected -= OnDisconnected;
        }
    }
}
