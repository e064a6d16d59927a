using Microsoft.Extensions.Logging;

namespace Planetarium.ShowControl;

public sealed record ShowCue(string Title, TimeSpan Duration, string ProjectorProfile);

public interface IDomeProjector
{
    Task LoadAsync(string profile, CancellationToken ct);
    Task PlayAsync(CancellationToken ct);
    void Blackout();
}

/// <summary>
/// Controls what is playing on the dome. Shared by the scheduler (which starts shows
/// on the hour) and the operator console (which can stop a show at any moment).
/// </summary>
public sealed class DomeShowController
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IDomeProjector _projector;
    private readonly ILogger<DomeShowController> _logger;
    private ShowCue? _current;
    private CancellationTokenSource? _playback;

    public DomeShowController(IDomeProjector projector, ILogger<DomeShowController> logger)
    {
        _projector = projector;
        _logger = logger;
    }

    public async Task<bool> StartShowAsync(ShowCue cue)
    {
        await _gate.WaitAsync();
        try
        {
            if (_current is not null)
            {
                _logger.LogInformation("{Title} is still running; skipping {Next}", _current.Title, cue.Title);
                return false;
            }

            _current = cue;
            _playback = new CancellationTokenSource(cue.Duration);
            await _projector.LoadAsync(cue.ProjectorProfile, _playback.Token);
            _ = RunToEndAsync(_playback.Token);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Operator console "stop" button.</summary>
    public void StopNow()
    {
        _playback?.Cancel();
        _projector.Blackout();
        _current = null;
    }

    private async Task RunToEndAsync(CancellationToken ct)
    {
        try
        {
            await _projector.PlayAsync(ct);
        }
        catch (OperationCanceledException)
        {
        }

        await _gate.WaitAsync();
        try
        {
            _current = null;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>
/// Starts the next scheduled show at the top of each hour.
/// </summary>
public sealed class HourlyShowScheduler
{
    private readonly DomeShowController _controller;
    private readonly Func<DateTime, ShowCue> _programme;

    public HourlyShowScheduler(DomeShowController controller, Func<DateTime, ShowCue> programme)
    {
        _controller = controller;
        _programme = programme;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(ct))
        {
            await _controller.StartShowAsync(_programme(DateTime.Now));
        }
    }
}
