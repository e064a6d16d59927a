using Microsoft.Extensions.Logging;

namespace Blind53.LighthouseKeeping.Lamp;

public interface ILampDriver
{
    Task StepAsync(double degrees, CancellationToken cancellationToken);
}

/// <summary>
/// Keeps the lighthouse lens rotating at the charted period. Start and Stop may be called
/// from the keeper's console, the watchdog and the shutdown hook at the same time.
/// </summary>
public sealed class LensRotationService
{
    private readonly object _lifecycle = new();
    private readonly ILampDriver _driver;
    private readonly ILogger _logger;
    private readonly TimeSpan _period;
    private CancellationTokenSource? _cts;
    private Task _running = Task.CompletedTask;
    private long _revolutions;

    public LensRotationService(ILampDriver driver, ILogger logger, TimeSpan period)
    {
        _driver = driver;
        _logger = logger;
        _period = period;
    }

    public long Revolutions => Interlocked.Read(ref _revolutions);

    public bool IsRunning
    {
        get
        {
            lock (_lifecycle)
            {
                return _cts is not null;
            }
        }
    }

    public void Start()
    {
        lock (_lifecycle)
        {
            if (_cts is not null)
            {
                return;
            }

            var cts = new CancellationTokenSource();
            var previous = _running;
            _cts = cts;
            _running = Task.Run(async () =>
            {
                await previous.ConfigureAwait(false);
                await RotateAsync(cts.Token).ConfigureAwait(false);
            });
        }
    }

    public async Task StopAsync()
    {
        CancellationTokenSource? cts;
        Task running;
        lock (_lifecycle)
        {
            cts = _cts;
            running = _running;
            _cts = null;
        }

        if (cts is null)
        {
            await running.ConfigureAwait(false);
            return;
        }

        cts.Cancel();
        try
        {
            await running.ConfigureAwait(false);
        }
        finally
        {
            cts.Dispose();
        }
    }

    private async Task RotateAsync(CancellationToken cancellationToken)
    {
        const int StepsPerRevolution = 360;
        var delay = _period / StepsPerRevolution;
        try
        {
            while (true)
            {
                for (int i = 0; i < StepsPerRevolution; i++)
                {
                    await _driver.StepAsync(1.0, cancellationToken).ConfigureAwait(false);
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }

                Interlocked.Increment(ref _revolutions);
            }
        }
        catch (OperationCanceledException)
        {
            _logger.LogInformation("Lens rotation stopped after {Count} revolutions", Interlocked.Read(ref _revolutions));
        }
    }
}
