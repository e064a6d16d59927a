namespace Blind38.WeatherBalloons.Launch;

public sealed record LaunchAck(string LaunchId, DateTime ReleasedUtc, string SondeSerial, double GroundPressureHpa);

/// <summary>
/// Coordinates a balloon release with the ground station. The launch crew calls
/// <see cref="RequestReleaseAsync"/>; the ground station's radio receiver thread calls
/// <see cref="OnAckReceived"/> when the release confirmation comes back.
/// </summary>
public sealed class ReleaseCoordinator
{
    private readonly object _sync = new();
    private readonly Action<string> _sendReleaseCommand;
    private TaskCompletionSource<LaunchAck>? _pending;
    private string? _pendingLaunchId;

    public ReleaseCoordinator(Action<string> sendReleaseCommand)
    {
        _sendReleaseCommand = sendReleaseCommand;
    }

    public async Task<LaunchAck> RequestReleaseAsync(string launchId, TimeSpan timeout, CancellationToken ct)
    {
        var tcs = new TaskCompletionSource<LaunchAck>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            if (_pending is not null)
            {
                throw new InvalidOperationException($"Release {_pendingLaunchId} is still awaiting confirmation.");
            }

            _pending = tcs;
            _pendingLaunchId = launchId;
        }

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        using var registration = timeoutCts.Token.Register(() => tcs.TrySetCanceled(timeoutCts.Token));

        try
        {
            _sendReleaseCommand(launchId);
            return await tcs.Task.ConfigureAwait(false);
        }
        finally
        {
            lock (_sync)
            {
                if (ReferenceEquals(_pending, tcs))
                {
                    _pending = null;
                    _pendingLaunchId = null;
                }
            }
        }
    }

    public void OnAckReceived(string launchId, string sondeSerial, double groundPressureHpa)
    {
        TaskCompletionSource<LaunchAck>? tcs;
        lock (_sync)
        {
            if (_pending is null || _pendingLaunchId != launchId)
            {
                return;
            }

            tcs = _pending;
        }

        tcs.TrySetResult(new LaunchAck(launchId, DateTime.UtcNow, sondeSerial, groundPressureHpa));
    }

    public string? AwaitingLaunchId
    {
        get { lock (_sync) return _pendingLaunchId; }
    }
}
