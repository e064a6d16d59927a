namespace Blind46.MeteorObservers.Capture;

public sealed record FrameSample(DateTime CapturedUtc, int PeakBrightness, (int X, int Y) Centroid);

public interface IAllSkyCamera
{
    Task<FrameSample> NextFrameAsync(CancellationToken ct);
}

public sealed record CaptureResult(bool Completed, IReadOnlyList<FrameSample> Frames);

/// <summary>
/// Records frames from an all-sky camera while a fireball is in view. A capture
/// is bounded by a maximum duration and can also be stopped by the operator.
/// </summary>
public sealed class FireballCaptureSession
{
    private readonly IAllSkyCamera _camera;
    private readonly List<FrameSample> _frames = new();
    private readonly int _brightnessFloor;

    public FireballCaptureSession(IAllSkyCamera camera, int brightnessFloor)
    {
        _camera = camera;
        _brightnessFloor = brightnessFloor;
    }

    public async Task<CaptureResult> CaptureAsync(TimeSpan maxDuration, CancellationToken operatorStop)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(operatorStop);
        cts.CancelAfter(maxDuration);

        using var registration = cts.Token.Register(() =>
        {
            // an aborted capture is not worth keeping
            _frames.Clear();
        });

        bool completed = false;
        try
        {
            while (true)
            {
                var frame = await _camera.NextFrameAsync(cts.Token).ConfigureAwait(false);
                if (frame.PeakBrightness < _brightnessFloor)
                {
                    completed = true;
                    break;
                }

                _frames.Add(frame);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return new CaptureResult(completed, _frames.ToArray());
    }
}

public sealed class CaptureCoordinator
{
    private readonly Func<FireballCaptureSession> _sessionFactory;

    public CaptureCoordinator(Func<FireballCaptureSession> sessionFactory) => _sessionFactory = sessionFactory;

    public async Task<int> OnTriggerAsync(CancellationToken stop)
    {
        var session = _sessionFactory();
        var result = await session.CaptureAsync(TimeSpan.FromSeconds(8), stop).ConfigureAwait(false);
        return result.Completed ? result.Frames.Count : 0;
    }
}
