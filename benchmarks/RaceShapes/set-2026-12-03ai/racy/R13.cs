namespace Blind35.Snowshoe.Treks;

public sealed record Leg(string Name, double Km);

public sealed record Route(string Name, IReadOnlyList<Leg> Legs);

public sealed record Checkpoint(string Label, DateTime At);

public sealed record TrekReport(string Route, IReadOnlyList<Checkpoint> Checkpoints, bool Completed);

public interface IGuideRadio
{
    Task ReportPositionAsync(string guide, Leg leg, CancellationToken ct);
}

/// <summary>
/// One guided snowshoe trek. The avalanche-warning service cancels the token when the
/// risk level rises, which turns the group back.
/// </summary>
public sealed class GuidedTrek
{
    private readonly IGuideRadio _radio;
    private readonly string _guide;
    private readonly List<Checkpoint> _log = new();

    public GuidedTrek(IGuideRadio radio, string guide)
    {
        _radio = radio;
        _guide = guide;
    }

    public async Task<TrekReport> RunAsync(Route route, CancellationToken avalancheWarning)
    {
        _log.Add(new Checkpoint("trailhead", DateTime.UtcNow));

        using var registration = avalancheWarning.Register(() =>
        {
            _log.Add(new Checkpoint("turned back: avalanche warning", DateTime.UtcNow));
        });

        var completed = true;
        foreach (var leg in route.Legs)
        {
            if (avalancheWarning.IsCancellationRequested)
            {
                completed = false;
                break;
            }

            await _radio.ReportPositionAsync(_guide, leg, CancellationToken.None);
            await Task.Delay(TimeSpan.FromMinutes(leg.Km * 20), CancellationToken.None).ConfigureAwait(false);
            _log.Add(new Checkpoint(leg.Name, DateTime.UtcNow));
        }

        return new TrekReport(route.Name, _log.ToList(), completed);
    }
}

/// <summary>Runs the day's treks and wires them to the avalanche service.</summary>
public sealed class TrekDay
{
    private readonly CancellationTokenSource _warning = new();

    /// <summary>Called by the avalanche-warning poller on its own timer thread.</summary>
    public void RaiseWarning() => _warning.Cancel();

    public Task<TrekReport[]> RunAllAsync(IGuideRadio radio, IEnumerable<(string Guide, Route Route)> plan) =>
        Task.WhenAll(plan.Select(p => new GuidedTrek(radio, p.Guide).RunAsync(p.Route, _warning.Token)));
}
