using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Blind62.Gritting.Telematics
{
    public interface ILorryTelematicsGateway
    {
        Task<int> CountReportingLorriesAsync(CancellationToken cancellationToken);
    }

    public sealed record ProbeResult(bool Reachable, int LorriesReporting, TimeSpan Latency, DateTimeOffset At);

    /// <summary>
    /// Probes the lorry telematics gateway in the background so that the /health
    /// endpoint can answer instantly from the last result.
    /// </summary>
    public sealed class TelematicsProbe : BackgroundService
    {
        private readonly ILorryTelematicsGateway _gateway;
        private ProbeResult? _last;

        public TelematicsProbe(ILorryTelematicsGateway gateway)
        {
            _gateway = gateway;
        }

        public ProbeResult? Last => Volatile.Read(ref _last);

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(20));
            do
            {
                Volatile.Write(ref _last, await ProbeOnceAsync(stoppingToken).ConfigureAwait(false));
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }

        private async Task<ProbeResult> ProbeOnceAsync(CancellationToken stoppingToken)
        {
            var started = DateTimeOffset.UtcNow;
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var call = _gateway.CountReportingLorriesAsync(cts.Token);
            var winner = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(5), stoppingToken)).ConfigureAwait(false);
            var latency = DateTimeOffset.UtcNow - started;

            if (winner != call)
            {
                cts.Cancel();
                _ = call.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                return new ProbeResult(false, 0, latency, DateTimeOffset.UtcNow);
            }

            try
            {
                int count = await call.ConfigureAwait(false);
                return new ProbeResult(true, count, latency, DateTimeOffset.UtcNow);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                return new ProbeResult(false, 0, latency, DateTimeOffset.UtcNow);
            }
        }
    }

    public sealed class TelematicsHealthCheck : IHealthCheck
    {
        private readonly TelematicsProbe _probe;

        public TelematicsHealthCheck(TelematicsProbe probe) => _probe = probe;

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var last = _probe.Last;
            if (last is null)
            {
                return Task.FromResult(HealthCheckResult.Degraded("No probe has completed yet."));
            }

            if (!last.Reachable)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"Telematics gateway unreachable at {last.At:t}."));
            }

            return Task.FromResult(last.LorriesReporting == 0
                ? HealthCheckResult.Degraded("Gateway up but no lorries reporting.")
                : HealthCheckResult.Healthy($"{last.LorriesReporting} lorries reporting, {last.Latency.TotalMilliseconds:0} ms."));
        }
    }
}
