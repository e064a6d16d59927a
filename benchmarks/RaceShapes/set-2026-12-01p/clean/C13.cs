using System;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.PipeOrgan.Humidity;

/// <summary>
/// Snapshot of the organ loft climate, replaced as a whole on each reading.
/// </summary>
public sealed record LoftClimate(double RelativeHumidity, double TemperatureC, DateTimeOffset MeasuredAt)
{
    public bool RiskOfCracking => RelativeHumidity < 40.0;
    public bool RiskOfSticking => RelativeHumidity > 70.0;
}

public interface IClimateProbe
{
    Task<(double Rh, double TempC)> ReadAsync(CancellationToken ct);
}

/// <summary>
/// Worker that polls the loft climate probe. Wood pipes and the wind chest are
/// sensitive to humidity swings, so the tuning log and the verger's phone app show
/// the latest figures from <see cref="Latest"/>.
/// </summary>
public sealed class LoftClimateWorker : IAsyncDisposable
{
    private readonly IClimateProbe _probe;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private LoftClimate? _latest;

    public LoftClimateWorker(IClimateProbe probe, TimeSpan interval)
    {
        _probe = probe;
        _interval = interval;
    }

    public LoftClimate? Latest => Volatile.Read(ref _latest);

    public void Start() => _loop = Task.Run(() => ExecuteAsync(_stopping.Token));

    public string Describe()
    {
        var latest = Latest;
        if (latest is null)
        {
            return "Awaiting first reading.";
        }

        var warning = latest.RiskOfCracking ? " - too dry, check humidifiers"
                    : latest.RiskOfSticking ? " - too damp, pallets may stick"
                    : string.Empty;
        return $"{latest.RelativeHumidity:F0}% RH, {latest.TemperatureC:F1} C at {latest.MeasuredAt:HH:mm}{warning}";
    }

    private async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            try
            {
                var (rh, temp) = await _probe.ReadAsync(ct).ConfigureAwait(false);
                Volatile.Write(ref _latest, new LoftClimate(rh, temp, DateTimeOffset.Now));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (TimeoutException)
            {
                // Probe occasionally misses a poll; keep the previous reading.
            }
        }
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stopping.Dispose();
    }
}
