namespace Blind22.Balloons.MassAscension;

public sealed record CrewReadiness(string Balloon, bool EnvelopeInflated, bool BurnerTested, double FuelPercent, string? Issue);

public interface ICrewRadio
{
    CrewReadiness PollCrew(string balloon, CancellationToken ct);
}

/// <summary>
/// Before each mass-ascension wave the launch director polls every crew on the field.
/// Each crew is polled on its own worker and the director waits for all of them before
/// deciding whether the wave can go.
/// </summary>
public sealed class WaveReadinessCheck
{
    private readonly ICrewRadio _radio;

    public WaveReadinessCheck(ICrewRadio radio) => _radio = radio;

    public (bool Go, IReadOnlyList<CrewReadiness> Crews) Check(IReadOnlyList<string> balloons, CancellationToken ct)
    {
        var replies = new CrewReadiness?[balloons.Count];
        using var allIn = new CountdownEvent(balloons.Count);

        for (var i = 0; i < balloons.Count; i++)
        {
            var slot = i;
            ThreadPool.QueueUserWorkItem(_ =>
            {
                try
                {
                    replies[slot] = _radio.PollCrew(balloons[slot], ct);
                }
                catch (Exception ex)
                {
                    replies[slot] = new CrewReadiness(balloons[slot], false, false, 0, ex.Message);
                }
                finally
                {
                    allIn.Signal();
                }
            });
        }

        try
        {
            allIn.Wait(ct);
        }
        catch (OperationCanceledException)
        {
            allIn.Wait();
            throw;
        }

        var crews = replies.Select(r => r!).ToList();
        var go = crews.All(c => c.EnvelopeInflated && c.BurnerTested && c.FuelPercent >= 60 && c.Issue is null);
        return (go, crews);
    }
}
