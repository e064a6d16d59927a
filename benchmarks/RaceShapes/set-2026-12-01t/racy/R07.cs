using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace PowerGrid.FrequencyMonitoring;

public readonly record struct FrequencySample(double Hertz, double RocofHzPerSecond, DateTimeOffset Timestamp);

public interface IPmuReader
{
    ValueTask<double> ReadFrequencyAsync(CancellationToken ct);
}

/// <summary>
/// Samples the phasor measurement unit every 100 ms and keeps the latest value
/// for the control-room status endpoint.
/// </summary>
public sealed class FrequencyMonitor : BackgroundService
{
    private const double NominalHz = 50.0;
    private readonly IPmuReader _pmu;
    private FrequencySample _latest;

    public FrequencyMonitor(IPmuReader pmu) => _pmu = pmu;

    public object GetStatus()
    {
        var sample = _latest;
        var deviation = sample.Hertz - NominalHz;
        return new
        {
            hz = sample.Hertz,
            rocof = sample.RocofHzPerSecond,
            at = sample.Timestamp,
            band = Math.Abs(deviation) < 0.05 ? "normal" : Math.Abs(deviation) < 0.2 ? "alert" : "emergency",
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        double previousHz = NominalHz;
        var previousAt = DateTimeOffset.UtcNow;

        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var hz = await _pmu.ReadFrequencyAsync(stoppingToken);
            var now = DateTimeOffset.UtcNow;
            var seconds = Math.Max((now - previousAt).TotalSeconds, 0.001);
            var rocof = (hz - previousHz) / seconds;

            _latest = new FrequencySample(hz, rocof, now);

            previousHz = hz;
            previousAt = now;
        }
    }
}

public static class FrequencyEndpoints
{
    public static IEndpointRouteBuilder MapFrequencyStatus(this IEndpointRouteBuilder app)
    {
        app.MapGet("/grid/frequency", (FrequencyMonitor monitor) => Results.Ok(monitor.GetStatus()));
        return app;
    }
}
