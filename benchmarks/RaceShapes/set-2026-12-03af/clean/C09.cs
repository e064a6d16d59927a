using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Blind32.BagpipeBand.Competition;

/// <summary>
/// Keeps the live connections of each band competing at the games, grouped by
/// band, so the arena announcer can message a band's pipe major and drummers.
/// Singleton used by the realtime hub for every connection event.
/// </summary>
public sealed class BandConnectionGroups
{
    private readonly ConcurrentDictionary<string, ImmutableHashSet<string>> _groups =
        new(StringComparer.OrdinalIgnoreCase);

    public void Add(string band, string connectionId)
    {
        _groups.AddOrUpdate(
            band,
            static (_, id) => ImmutableHashSet.Create(StringComparer.Ordinal, id),
            static (_, existing, id) => existing.Add(id),
            connectionId);
    }

    public void Remove(string band, string connectionId)
    {
        while (_groups.TryGetValue(band, out var existing))
        {
            var updated = existing.Remove(connectionId);
            if (ReferenceEquals(updated, existing))
                return;

            if (updated.IsEmpty)
            {
                if (_groups.TryRemove(new KeyValuePair<string, ImmutableHashSet<string>>(band, existing)))
                    return;
            }
            else if (_groups.TryUpdate(band, updated, existing))
            {
                return;
            }
        }
    }

    public IReadOnlyCollection<string> Members(string band) =>
        _groups.TryGetValue(band, out var members) ? members : ImmutableHashSet<string>.Empty;

    public int BandCount => _groups.Count;
}

/// <summary>Realtime hub the transport calls into for each connected device.</summary>
public sealed class ArenaHub
{
    private readonly BandConnectionGroups _groups;
    private readonly Func<string, string, Task> _send;

    public ArenaHub(BandConnectionGroups groups, Func<string, string, Task> send)
    {
        _groups = groups;
        _send = send;
    }

    public Task OnConnectedAsync(string connectionId, string band)
    {
        _groups.Add(band, connectionId);
        return Task.CompletedTask;
    }

    public Task OnDisconnectedAsync(string connectionId, string band)
    {
        _groups.Remove(band, connectionId);
        return Task.CompletedTask;
    }

    public Task CallToLineAsync(string band, int minutes) =>
        Task.WhenAll(_groups.Members(band).Select(id => _send(id, $"{band}: to the line in {minutes} minutes")));
}
