namespace Blind56.BalloonSchool.Briefing;

public sealed record WeatherBriefing(DateOnly Day, int SurfaceWindKnots, int WindAt1000FtKnots, int CloudBaseFeet, bool Thermals)
{
    public bool FlyingOn => SurfaceWindKnots <= 8 && WindAt1000FtKnots <= 15 && CloudBaseFeet >= 1500 && !Thermals;
}

public interface IMetService
{
    Task<WeatherBriefing> FetchAsync(DateOnly day, CancellationToken cancellationToken);
}

/// <summary>
/// The morning weather briefing for the balloon flight school. Students, pilots and
/// the booking line all wait for the same briefing; it is fetched once per day.
/// </summary>
public sealed class MorningBriefingGate
{
    private readonly IMetService _met;
    private readonly object _lock = new();
    private TaskCompletionSource<WeatherBriefing>? _pending;
    private DateOnly _pendingDay;

    public MorningBriefingGate(IMetService met) => _met = met;

    public async Task<WeatherBriefing> WaitForBriefingAsync(DateOnly day, CancellationToken ct)
    {
        TaskCompletionSource<WeatherBriefing> tcs;
        bool startFetch = false;
        lock (_lock)
        {
            if (_pending is null || _pendingDay != day || _pending.Task.IsFaulted)
            {
                _pending = new TaskCompletionSource<WeatherBriefing>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pendingDay = day;
                startFetch = true;
            }

            tcs = _pending;
        }

        if (startFetch)
        {
            _ = FetchIntoAsync(tcs, day);
        }

        var waiter = new TaskCompletionSource<WeatherBriefing>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (ct.Register(static s => ((TaskCompletionSource<WeatherBriefing>)s!).TrySetCanceled(), waiter))
        {
            var finished = await Task.WhenAny(tcs.Task, waiter.Task).ConfigureAwait(false);
            return await finished.ConfigureAwait(false);
        }
    }

    private async Task FetchIntoAsync(TaskCompletionSource<WeatherBriefing> tcs, DateOnly day)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var briefing = await _met.FetchAsync(day, timeout.Token).ConfigureAwait(false);
            tcs.TrySetResult(briefing);
        }
        catch (Exception ex)
        {
            tcs.TrySetException(ex);
        }
    }
}
