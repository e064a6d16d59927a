using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Blind61.HarbourPilots;

/// <summary>
/// Tracks which pilot is currently assigned to which inbound vessel.
/// Registered as a singleton; the boarding API and the berthing webhook both call into it.
/// </summary>
public sealed class PilotRoster
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _vesselToPilot = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _busyPilots = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger<PilotRoster> _logger;

    public PilotRoster(ILogger<PilotRoster> logger) => _logger = logger;

    public bool TryAssign(string vesselImo, string pilotId)
    {
        lock (_gate)
        {
            if (_busyPilots.Contains(pilotId) || _vesselToPilot.ContainsKey(vesselImo))
                return false;

            _busyPilots.Add(pilotId);
            _vesselToPilot[vesselImo] = pilotId;
        }

        _logger.LogInformation("Pilot {Pilot} assigned to {Vessel}", pilotId, vesselImo);
        return true;
    }

    public string? PilotFor(string vesselImo)
    {
        lock (_gate)
        {
            return _vesselToPilot.TryGetValue(vesselImo, out var pilot) ? pilot : null;
        }
    }

    public int ActiveAssignments
    {
        get
        {
            lock (_gate)
            {
                return _vesselToPilot.Count;
            }
        }
    }

    /// <summary>Called by the berthing webhook once the vessel is alongside.</summary>
    public void Release(string vesselImo)
    {
        string? pilot;
        lock (_gate)
        {
            if (!_vesselToPilot.TryGetValue(vesselImo, out pilot))
                return;
            _busyPilots.Remove(pilot);
        }

        // vessel is alongside; the pilot goes back on the board
        _vesselToPilot.Remove(vesselImo);
        _logger.LogInformation("Pilot {Pilot} released from {Vessel}", pilot, vesselImo);
    }
}

/// <summary>Minimal endpoints the pilot station tablets talk to.</summary>
public sealed class PilotBoardingEndpoints
{
    private readonly PilotRoster _roster;

    public PilotBoardingEndpoints(PilotRoster roster) => _roster = roster;

    public IResult Board(string vesselImo, string pilotId) =>
        _roster.TryAssign(vesselImo, pilotId) ? Results.Ok() : Results.Conflict();

    public IResult Berthed(string vesselImo)
    {
        _roster.Release(vesselImo);
        return Results.NoContent();
    }

    public IResult Status(string vesselImo) =>
        _roster.PilotFor(vesselImo) is { } pilot ? Results.Ok(pilot) : Results.NotFound();
}
