namespace Blind43.Lifeboats.CrewPaging;

public sealed record CrewStatus(string CrewId, string Station, bool Available, DateTimeOffset ChangedAt);

/// <summary>
/// Tracks which volunteer crew members are currently available for a shout.
/// Registered as an app-wide singleton: pager webhooks, the station dashboard and the
/// coxswain's launch app all call its public members concurrently.
/// </summary>
public sealed class CrewAvailabilityRegistry
{
    private readonly object _statusGate = new();
    private readonly object _historyGate = new();
    private readonly Dictionary<string, CrewStatus> _status = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _history = new();

    public void MarkAvailable(string crewId, string station)
    {
        lock (_statusGate)
        {
            _status[crewId] = new CrewStatus(crewId, station, true, DateTimeOffset.UtcNow);
        }

        AppendHistory($"{crewId} available at {station}");
    }

    public void MarkStoodDown(string crewId, string reason)
    {
        lock (_historyGate)
        {
            if (_status.TryGetValue(crewId, out var current))
            {
                _status[crewId] = current with { Available = false, ChangedAt = DateTimeOffset.UtcNow };
            }

            _history.Add($"{crewId} stood down: {reason}");
        }
    }

    public IReadOnlyList<CrewStatus> AvailableAt(string station)
    {
        lock (_statusGate)
        {
            return _status.Values
                .Where(s => s.Available && string.Equals(s.Station, station, StringComparison.OrdinalIgnoreCase))
                .OrderBy(s => s.CrewId, StringComparer.Ordinal)
                .ToList();
        }
    }

    public int AvailableCount()
    {
        lock (_statusGate)
        {
            return _status.Values.Count(s => s.Available);
        }
    }

    public IReadOnlyList<string> RecentHistory(int max)
    {
        lock (_historyGate)
        {
            return _history.Skip(Math.Max(0, _history.Count - max)).ToArray();
        }
    }

    private void AppendHistory(string line)
    {
        lock (_historyGate)
        {
            _history.Add(line);
            if (_history.Count > 500)
            {
                _history.RemoveRange(0, _history.Count - 500);
            }
        }
    }
}

/// <summary>Webhook entry point called by the pager gateway for every acknowledgement.</summary>
public sealed class PagerWebhookHandler
{
    private readonly CrewAvailabilityRegistry _registry;

    public PagerWebhookHandler(CrewAvailabilityRegistry registry) => _registry = registry;

    public Task HandleAsync(string crewId, string station, string action)
    {
        switch (action)
        {
            case "ack":
                _registry.MarkAvailable(crewId, station);
                break;
            case "standdown":
                _registry.MarkStoodDown(crewId, "pager stand-down");
                break;
        }

        return Task.CompletedTask;
    }
}
