using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Chat.Realtime.Presence;

/// <summary>
/// Maps users to their open connections for targeted pushes. Singleton; the hub calls it
/// for every connect and disconnect.
/// </summary>
public sealed class PresenceTracker
{
    private readonly ConcurrentDictionary<string, ImmutableHashSet<string>> _byUser =
        new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, string> _userOf =
        new(StringComparer.Ordinal);

    public void Connected(string userId, string connectionId)
    {
        _userOf[connectionId] = userId;
        _byUser.AddOrUpdate(
            userId,
            static (_, id) => ImmutableHashSet.Create(StringComparer.Ordinal, id),
            static (_, existing, id) => existing.Add(id),
            connectionId);
    }

    public void Disconnected(string connectionId)
    {
        if (!_userOf.TryRemove(connectionId, out var userId))
            return;

        _byUser.AddOrUpdate(
            userId,
            static (_, _) => ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal),
            static (_, existing, id) => existing.Remove(id),
            connectionId);
    }

    public ImmutableHashSet<string> ConnectionsOf(string userId) =>
        _byUser.TryGetValue(userId, out var set) ? set : ImmutableHashSet<string>.Empty;

    public bool IsOnline(string userId) => !ConnectionsOf(userId).IsEmpty;

    public IReadOnlyList<string> OnlineUsers() =>
        _byUser.Where(pair => !pair.Value.IsEmpty).Select(pair => pair.Key).ToList();
}

public interface IConnectionSender
{
    Task SendAsync(string connectionId, string method, object? arg, CancellationToken ct);
}

public sealed class UserNotifier
{
    private readonly PresenceTracker _presence;
    private readonly IConnectionSender _sender;

    public UserNotifier(PresenceTracker presence, IConnectionSender sender)
    {
        _presence = presence;
        _sender = sender;
    }

    public Task NotifyAsync(string userId, string method, object? arg, CancellationToken ct) =>
        Task.WhenAll(_presence.ConnectionsOf(userId).Select(id => _sender.SendAsync(id, method, arg, ct)));
}
