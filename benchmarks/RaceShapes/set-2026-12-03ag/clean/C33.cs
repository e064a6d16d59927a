namespace Lighthouse.Lamp;

public sealed class LampWarmupResult
{
    public double FilamentOhms { get; set; }
    public TimeSpan WarmupTime { get; set; }
    public bool ReserveLampUsed { get; set; }
}

public interface ILampController
{
    Task<double> MeasureFilamentAsync(bool reserve, CancellationToken ct);
}

/// <summary>
/// Runs the lamp warm-up once at dusk. Any number of callers (the keeper's
/// panel, the light-list reporter, the remote monitoring link) may await the
/// outcome.
/// </summary>
public sealed class DuskLampWarmup
{
    private readonly ILampController _lamp;
    private readonly TaskCompletionSource<LampWarmupResult> _done =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;

    public DuskLampWarmup(ILampController lamp) => _lamp = lamp;

    public Task<LampWarmupResult> Completion => _done.Task;

    public void Start(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            var started = DateTime.UtcNow;
            var result = new LampWarmupResult();
            try
            {
                double ohms = await _lamp.MeasureFilamentAsync(reserve: false, ct).ConfigureAwait(false);
                if (double.IsInfinity(ohms) || ohms > 50)
                {
                    ohms = await _lamp.MeasureFilamentAsync(reserve: true, ct).ConfigureAwait(false);
                    result.ReserveLampUsed = true;
                }

                result.FilamentOhms = ohms;
                result.WarmupTime = DateTime.UtcNow - started;
                _done.TrySetResult(result);
            }
            catch (OperationCanceledException)
            {
                _done.TrySetCanceled(ct);
            }
            catch (Exception ex)
            {
                _done.TrySetException(ex);
            }
        });
    }
}

public static class LightListReporter
{
    public static async Task<string> DescribeAsync(DuskLampWarmup warmup)
    {
        var result = await warmup.Completion.ConfigureAwait(false);
        return result.ReserveLampUsed
            ? $"Reserve lamp lit after {result.WarmupTime.TotalSeconds:F0}s ({result.FilamentOhms:F1} ohm)"
            : $"Main lamp lit after {result.WarmupTime.TotalSeconds:F0}s ({result.FilamentOhms:F1} ohm)";
    }
}
