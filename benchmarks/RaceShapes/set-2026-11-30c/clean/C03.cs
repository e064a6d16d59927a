using System.Collections.Concurrent;
using System.Diagnostics;

namespace Fabrikam.Maintenance
{
    public interface IMaintenanceTask
    {
        string Name { get; }
        bool ShouldRun(DateTimeOffset now);
        void Run(CancellationToken cancellationToken);
    }

    public enum TaskResultKind { Completed, Faulted, NotDue }

    public sealed record TaskReport(string Name, TaskResultKind Kind, TimeSpan Elapsed, string? Error);

    /// <summary>
    /// Executes nightly maintenance tasks (index rebuilds, blob cleanup, ...) with a
    /// bounded degree of parallelism and returns a report per task.
    /// </summary>
    public sealed class MaintenanceWindow
    {
        private readonly IReadOnlyList<IMaintenanceTask> _tasks;
        private readonly int _maxParallelism;

        public MaintenanceWindow(IReadOnlyList<IMaintenanceTask> tasks, int maxParallelism)
        {
            _tasks = tasks;
            _maxParallelism = maxParallelism;
        }

        public IReadOnlyDictionary<string, TaskReport> Execute(DateTimeOffset now, CancellationToken cancellationToken)
        {
            var reports = new ConcurrentDictionary<string, TaskReport>(StringComparer.Ordinal);

            var options = new ParallelOptions
            {
                MaxDegreeOfParallelism = _maxParallelism,
                CancellationToken = cancellationToken,
            };

            Parallel.ForEach(_tasks, options, task =>
            {
                if (!task.ShouldRun(now))
                {
                    Report(reports, task.Name, TaskResultKind.NotDue, TimeSpan.Zero, null);
                    return;
                }

                var sw = Stopwatch.StartNew();
                try
                {
                    task.Run(cancellationToken);
                    Report(reports, task.Name, TaskResultKind.Completed, sw.Elapsed, null);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Report(reports, task.Name, TaskResultKind.Faulted, sw.Elapsed, ex.Message);
                }
            });

            return reports;
        }

        private static void Report(
            ConcurrentDictionary<string, TaskReport> reports,
            string name,
            TaskResultKind kind,
            TimeSpan elapsed,
            string? error)
        {
            reports[name] = new TaskReport(name, kind, elapsed, error);

            if (kind == TaskResultKind.Faulted)
            {
                Trace.TraceWarning("Maintenance task {0} faulted after {1} ms: {2}", name, elapsed.TotalMilliseconds, error);
            }
        }
    }
}
