using System.Diagnostics;

namespace Tailspin.Diagnostics.Health
{
    public enum HealthStatus { Healthy, Degraded, Unhealthy }

    public sealed record HealthResult(string Name, HealthStatus Status, TimeSpan Duration, string? Description = null);

    public interface IHealthProbe
    {
        string Name { get; }
        Task<HealthStatus> CheckAsync(CancellationToken cancellationToken);
    }

    /// <summary>
    /// Runs all registered probes for the /health endpoint. Probes are awaited
    /// together so a slow dependency does not delay the others. The service keeps
    /// a running total of probe time that is exported as a metric.
    /// </summary>
    public sealed class HealthProbeRunner
    {
        private readonly IReadOnlyList<IHealthProbe> _probes;
        private readonly TimeSpan _probeTimeout;
        private long _totalProbeTicks;
        private long _runs;

        public HealthProbeRunner(IEnumerable<IHealthProbe> probes, TimeSpan probeTimeout)
        {
            _probes = probes.ToList();
            _probeTimeout = probeTimeout;
        }

        public TimeSpan AverageProbeTime
        {
            get
            {
                var runs = Interlocked.Read(ref _runs);
                return runs == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Interlocked.Read(ref _totalProbeTicks) / runs);
            }
        }

        public async Task<IReadOnlyList<HealthResult>> RunAllAsync(CancellationToken cancellationToken)
        {
            var results = await Task.WhenAll(_probes.Select(p => RunProbeAsync(p, cancellationToken))).ConfigureAwait(false);
            Interlocked.Add(ref _runs, results.Length);
            return results;
        }

        private async Task<HealthResult> RunProbeAsync(IHealthProbe probe, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_probeTimeout);
            var sw = Stopwatch.StartNew();
            try
            {
                var status = await probe.CheckAsync(timeout.Token).ConfigureAwait(false);
                return new HealthResult(probe.Name, status, sw.Elapsed);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new HealthResult(probe.Name, HealthStatus.Unhealthy, sw.Elapsed, "timed out");
            }
            catch (Exception ex)
            {
                return new HealthResult(probe.Name, HealthStatus.Unhealthy, sw.Elapsed, ex.Message);
            }
            finally
            {
                sw.Stop();
                _totalProbeTicks += sw.Elapsed.Ticks;
            }
        }
    }
}
