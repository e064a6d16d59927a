using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Blind64.Kelp.Drying
{
    /// <summary>State of the kelp drying racks after the last sensor sweep.</summary>
    public sealed record RackSweep(DateTimeOffset CompletedAt, int RacksChecked, double MeanMoisturePct, string Operator);

    public interface IRackSensors
    {
        Task<(int Racks, double MeanMoisture, string Operator)> SweepAsync(CancellationToken ct);
    }

    /// <summary>
    /// Sweeps the drying-rack moisture sensors every few minutes and publishes the latest
    /// result for the health endpoint and the bagging-line dashboard.
    /// </summary>
    public sealed class RackSweepWorker : BackgroundService
    {
        private readonly IRackSensors _sensors;
        private RackSweep? _latest;

        public RackSweepWorker(IRackSensors sensors) => _sensors = sensors;

        public RackSweep? Latest => Volatile.Read(ref _latest);

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(3));
            do
            {
                var (racks, moisture, op) = await _sensors.SweepAsync(stoppingToken);
                Volatile.Write(ref _latest, new RackSweep(DateTimeOffset.UtcNow, racks, moisture, op));
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
    }

    /// <summary>Unhealthy when no sweep has completed recently or the kelp is still too wet to bag.</summary>
    public sealed class RackSweepHealthCheck : IHealthCheck
    {
        private readonly RackSweepWorker _worker;

        public RackSweepHealthCheck(RackSweepWorker worker) => _worker = worker;

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var sweep = _worker.Latest;
            if (sweep is null)
            {
                return Task.FromResult(HealthCheckResult.Degraded("No rack sweep yet."));
            }

            var age = DateTimeOffset.UtcNow - sweep.CompletedAt;
            var data = new Dictionary<string, object>
            {
                ["racks"] = sweep.RacksChecked,
                ["moisture"] = sweep.MeanMoisturePct,
                ["operator"] = sweep.Operator,
            };

            if (age > TimeSpan.FromMinutes(15))
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"Last sweep {age.TotalMinutes:F0} min ago.", data: data));
            }

            return Task.FromResult(sweep.MeanMoisturePct > 18
                ? HealthCheckResult.Degraded("Kelp still too wet for bagging.", data: data)
                : HealthCheckResult.Healthy("Racks dry.", data));
        }
    }
}
