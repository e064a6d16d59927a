using System.Diagnostics;

namespace Fabrikam.Scheduling
{
    public interface IScheduledJob
    {
        string Name { get; }
        bool IsDue(DateTimeOffset now);
        void Execute(CancellationToken cancellationToken);
    }

    public enum JobStatus { Succeeded, Failed, Skipped }

    public sealed record JobOutcome(string JobName, JobStatus Status, TimeSpan Duration, string? Error);

    /// <summary>
    /// Runs every due job once per tick. Jobs are independent, so a tick fans out
    /// over the thread pool and then reports what happened.
    /// </summary>
    public sealed class JobRunner
    {
        private readonly IReadOnlyList<IScheduledJob> _jobs;
        private readonly int _maxParallelism;
        private readonly Dictionary<string, JobOutcome> _lastOutcomes = new(StringComparer.Ordinal);

        public JobRunner(IReadOnlyList<IScheduledJob> jobs, int maxParallelism)
        {
            _jobs = jobs;
            _maxParallelism = maxParallelism;
        }

        public IReadOnlyDictionary<string, JobOutcome> RunTick(DateTimeOffset now, CancellationToken cancellationToken)
        {
            _lastOutcomes.Clear();

            var options = new ParallelOptions
            {
                MaxDegreeOfParallelism = _maxParallelism,
                CancellationToken = cancellationToken,
            };

            Parallel.ForEach(_jobs, options, job =>
            {
                if (!job.IsDue(now))
                {
                    RecordOutcome(job.Name, JobStatus.Skipped, TimeSpan.Zero, null);
                    return;
                }

                var sw = Stopwatch.StartNew();
                try
                {
                    job.Execute(cancellationToken);
                    RecordOutcome(job.Name, JobStatus.Succeeded, sw.Elapsed, null);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    RecordOutcome(job.Name, JobStatus.Failed, sw.Elapsed, ex.Message);
                }
            });

            return new Dictionary<string, JobOutcome>(_lastOutcomes);
        }

        private void RecordOutcome(string jobName, JobStatus status, TimeSpan duration, string? error)
        {
            _lastOutcomes[jobName] = new JobOutcome(jobName, status, duration, error);

            if (status == JobStatus.Failed)
            {
                Trace.TraceWarning("Job {0} failed after {1} ms: {2}", jobName, duration.TotalMilliseconds, error);
            }
        }
    }
}
