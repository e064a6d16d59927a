namespace SnowPlow.Routes;

public sealed record RouteLeg(string From, string To, double Km);

public interface ITelematics
{
    Task<double> SaltRemainingKgAsync(string unitId, CancellationToken ct);
}

/// <summary>
/// Tracks a plow's run along its route. The shift supervisor may abort a run from the
/// control room; the abort arrives as a cancellation.
/// </summary>
public sealed class PlowRun
{
    private readonly string _unitId;
    private readonly ITelematics _telematics;
    private int _aborted;
    private int _legsCompleted;

    public PlowRun(string unitId, ITelematics telematics)
    {
        _unitId = unitId;
        _telematics = telematics;
    }

    public bool WasAborted => Volatile.Read(ref _aborted) == 1;
    public int LegsCompleted => Volatile.Read(ref _legsCompleted);

    public async Task<double> DriveAsync(IReadOnlyList<RouteLeg> legs, Func<RouteLeg, CancellationToken, Task> drive, CancellationToken abort)
    {
        using var registration = abort.Register(() => Interlocked.Exchange(ref _aborted, 1));

        double km = 0;
        foreach (var leg in legs)
        {
            if (Volatile.Read(ref _aborted) == 1)
                break;

            try
            {
                await drive(leg, abort).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                break;
            }

            km += leg.Km;
            Interlocked.Increment(ref _legsCompleted);

            var salt = await _telematics.SaltRemainingKgAsync(_unitId, CancellationToken.None).ConfigureAwait(false);
            if (salt < 200)
                break;
        }
        return km;
    }
}
