using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Blind64.Kelp.Harvesting
{
    /// <summary>Outcome of the last pass over the kelp lease lines.</summary>
    public struct HarvestPass
    {
        public DateTimeOffset CompletedAt;
        public int LinesCut;
        public decimal WetTonnes;
        public string? Skipper;
    }

    public interface IHarvestLog
    {
        Task<(int Lines, decimal Tonnes, string Skipper)> RecordNextPassAsync(CancellationToken ct);
    }

    /// <summary>
    /// Pulls completed harvest passes from the boat log and keeps the most recent one
    /// for the health endpoint and the ops dashboard.
    /// </summary>
    public sealed class HarvestLogWorker : BackgroundService
    {
        private readonly IHarvestLog _log;
        private HarvestPass _lastPass;

        public HarvestLogWorker(IHarvestLog log) => _log = log;

        public HarvestPass LastPass => _lastPass;

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var (lines, tonnes, skipper) = await _log.RecordNextPassAsync(stoppingToken);
                _lastPass = new HarvestPass
                {
                    CompletedAt = DateTimeOffset.UtcNow,
                    LinesCut = lines,
                    WetTonnes = tonnes,
                    Skipper = skipper,
                };
            }
        }
    }

    /// <summary>Reports degraded if the harvest log has gone quiet or yield looks wrong.</summary>
    public sealed class HarvestHealthCheck : IHealthCheck
    {
        private readonly HarvestLogWorker _worker;

        public HarvestHealthCheck(HarvestLogWorker worker) => _worker = worker;

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var pass = _worker.LastPass;
            if (pass.Skipper is null)
            {
                return Task.FromResult(HealthCheckResult.Degraded("No harvest pass recorded yet."));
            }

            var age = DateTimeOffset.UtcNow - pass.CompletedAt;
            if (age > TimeSpan.FromMinutes(30))
            {
                return Task.FromResult(HealthCheckResult.Degraded($"Last pass {age.TotalMinutes:F0} min ago."));
            }

            var perLine = pass.LinesCut == 0 ? 0m : pass.WetTonnes / pass.LinesCut;
            var data = new Dictionary<string, object>
            {
                ["skipper"] = pass.Skipper,
                ["tonnesPerLine"] = perLine,
            };

            return Task.FromResult(perLine > 3m
                ? HealthCheckResult.Degraded("Yield per line out of range.", data: data)
                : HealthCheckResult.Healthy("Harvest log current.", data));
        }
    }
}
