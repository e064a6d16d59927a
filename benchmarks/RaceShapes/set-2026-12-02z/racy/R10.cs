namespace Blind26.CaveRescue.Callout;

public sealed record RescueTeam(string CallSign, string Specialty);

public interface IRescueRadio
{
    Task PageAsync(string callSign, string message, CancellationToken ct);
    void Recall(string callSign);
}

/// <summary>
/// Pages rescue teams one after another for a cave incident. If the incident commander
/// stands the callout down, the token passed to <see cref="DispatchAsync"/> is cancelled
/// from the command post's request thread and already paged teams are recalled.
/// </summary>
public sealed class CalloutCoordinator
{
    private readonly IRescueRadio _radio;
    private readonly List<string> _dispatched = new();

    public CalloutCoordinator(IRescueRadio radio)
    {
        _radio = radio;
    }

    public async Task<int> DispatchAsync(string incident, IReadOnlyList<RescueTeam> teams, CancellationToken standDown)
    {
        using var registration = standDown.Register(RecallAll);

        foreach (var team in teams)
        {
            if (standDown.IsCancellationRequested)
            {
                break;
            }

            await _radio.PageAsync(team.CallSign, $"Callout {incident}: {team.Specialty} needed",
                CancellationToken.None).ConfigureAwait(false);
            _dispatched.Add(team.CallSign);
            await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(false);
        }

        return teams.Count;
    }

    private void RecallAll()
    {
        foreach (string callSign in _dispatched)
        {
            _radio.Recall(callSign);
        }

        _dispatched.Clear();
    }
}

/// <summary>Command post entry point.</summary>
public sealed class IncidentCommand
{
    private readonly CalloutCoordinator _coordinator;
    private CancellationTokenSource? _current;

    public IncidentCommand(CalloutCoordinator coordinator) => _coordinator = coordinator;

    public Task StartAsync(string incident, IReadOnlyList<RescueTeam> teams)
    {
        var cts = new CancellationTokenSource();
        Interlocked.Exchange(ref _current, cts);
        return _coordinator.DispatchAsync(incident, teams, cts.Token);
    }

    public void StandDown() => Volatile.Read(ref _current)?.Cancel();
}
