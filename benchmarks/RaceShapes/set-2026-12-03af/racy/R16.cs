using System.Collections.Concurrent;

namespace Blind32.BagpipeBand.Rehearsal;

/// <summary>
/// Keeps track of which live connections belong to which section of the band
/// (pipers, snare, tenor, bass) so the pipe major's tempo changes can be sent
/// to just one section. Registered as a singleton and called from the hub for
/// every connect, disconnect and section change.
/// </summary>
public sealed class SectionConnectionRegistry
{
    private readonly ConcurrentDictionary<string, List<string>> _sections =
        new(StringComparer.OrdinalIgnoreCase);

    public void Join(string section, string connectionId)
    {
        var members = _sections.GetOrAdd(section, _ => new List<string>());
        members.Add(connectionId);
    }

    public void Leave(string section, string connectionId)
    {
        if (_sections.TryGetValue(section, out var members))
            members.Remove(connectionId);
    }

    public IReadOnlyList<string> Members(string section)
    {
        return _sections.TryGetValue(section, out var members)
            ? members.ToArray()
            : Array.Empty<string>();
    }

    public IEnumerable<string> Sections => _sections.Keys;
}

/// <summary>Hub-like facade invoked by the transport for each connection event.</summary>
public sealed class RehearsalHub
{
    private readonly SectionConnectionRegistry _registry;
    private readonly Func<string, string, Task> _send;

    public RehearsalHub(SectionConnectionRegistry registry, Func<string, string, Task> send)
    {
        _registry = registry;
        _send = send;
    }

    public Task OnConnectedAsync(string connectionId, string section)
    {
        _registry.Join(section, connectionId);
        return _send(connectionId, $"welcome to the {section} section");
    }

    public Task OnDisconnectedAsync(string connectionId, string section)
    {
        _registry.Leave(section, connectionId);
        return Task.CompletedTask;
    }

    public Task SetTempoAsync(string section, int beatsPerMinute)
    {
        var sends = _registry.Members(section).Select(id => _send(id, $"tempo {beatsPerMinute}"));
        return Task.WhenAll(sends);
    }
}
