using System.Diagnostics;

namespace Tailspin.Diagnostics.Readiness
{
    public enum ReadinessState { Ready, NotReady }

    public sealed record DependencyReport(string Dependency, ReadinessState State, TimeSpan Latency, string? Detail);

    public interface IDependencyCheck
    {
        string Dependency { get; }
        Task<bool> PingAsync(CancellationToken cancellationToken);
    }

    /// <summary>
    /// Backs the /ready endpoint. All dependency checks run concurrently and the
    /// runner accumulates total check latency and failure counts for dashboards.
    /// </summary>
    public sealed class ReadinessRunner
    {
        private readonly IReadOnlyList<IDependencyCheck> _checks;
        private readonly TimeSpan _timeout;
        private long _totalLatencyTicks;
        private long _checksRun;
        private long _failures;

        public ReadinessRunner(IEnumerable<IDependencyCheck> checks, TimeSpan timeout)
        {
            _checks = checks.ToArray();
            _timeout = timeout;
        }

        public (long ChecksRun, long Failures, TimeSpan TotalLatency) Counters =>
            (Interlocked.Read(ref _checksRun), Interlocked.Read(ref _failures), TimeSpan.FromTicks(Interlocked.Read(ref _totalLatencyTicks)));

        public async Task<IReadOnlyList<DependencyReport>> CheckAllAsync(CancellationToken cancellationToken)
        {
            var reports = await Task.WhenAll(_checks.Select(c => CheckOneAsync(c, cancellationToken))).ConfigureAwait(false);
            return reports;
        }

        private async Task<DependencyReport> CheckOneAsync(IDependencyCheck check, CancellationToken cancellationToken)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(_timeout);
            var started = Stopwatch.GetTimestamp();
            var ok = false;
            string? detail = null;
            try
            {
                ok = await check.PingAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                detail = "timed out";
            }
            catch (Exception ex)
            {
                detail = ex.Message;
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                Interlocked.Add(ref _totalLatencyTicks, elapsed.Ticks);
                Interlocked.Increment(ref _checksRun);
                if (!ok)
                {
                    Interlocked.Increment(ref _failures);
                }
            }

            return new DependencyReport(
                check.Dependency,
                ok ? ReadinessState.Ready : ReadinessState.NotReady,
                Stopwatch.GetElapsedTime(started),
                detail);
        }
    }
}
