using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind26.SnowGroomers.Fleet;

public sealed record GroomerPosition(string GroomerId, string Piste, double Lat, double Lon, DateTimeOffset At);

/// <summary>App-wide singleton holding the last known position of every groomer.</summary>
public sealed class GroomerFleetState
{
    public Dictionary<string, GroomerPosition> Positions { get; } = new();
}

/// <summary>Receives GPS fixes from the groomers' radios and updates the fleet state.</summary>
public sealed class GroomerTelemetryService : BackgroundService
{
    private readonly ChannelReader<GroomerPosition> _fixes;
    private readonly GroomerFleetState _state;

    public GroomerTelemetryService(ChannelReader<GroomerPosition> fixes, GroomerFleetState state)
    {
        _fixes = fixes;
        _state = state;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var fix in _fixes.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            if (_state.Positions.TryGetValue(fix.GroomerId, out var previous) && previous.At >= fix.At)
            {
                continue;
            }

            _state.Positions[fix.GroomerId] = fix;
        }
    }
}

/// <summary>Used by the piste-status controller; a singleton called per HTTP request.</summary>
public sealed class FleetStatusQuery
{
    private readonly GroomerFleetState _state;

    public FleetStatusQuery(GroomerFleetState state) => _state = state;

    public IReadOnlyList<GroomerPosition> OnPiste(string piste) =>
        _state.Positions.Values.Where(p => string.Equals(p.Piste, piste, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.GroomerId)
            .ToList();

    public IReadOnlyList<string> Silent(TimeSpan threshold, DateTimeOffset now) =>
        _state.Positions.Values.Where(p => now - p.At > threshold).Select(p => p.GroomerId).ToList();
}
