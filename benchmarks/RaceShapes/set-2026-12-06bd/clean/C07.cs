namespace Blind56.Chimney.Reports;

public enum ReportJobState
{
    Queued = 0,
    Rendering = 1,
    Done = 2,
    Failed = 3,
}

/// <summary>Progress of one batch of chimney inspection certificates being rendered to PDF.</summary>
public sealed class CertificateBatchJob
{
    private int _rendered;
    private int _failed;
    private int _state;

    public CertificateBatchJob(string batchId, int total)
    {
        BatchId = batchId;
        Total = total;
    }

    public string BatchId { get; }
    public int Total { get; }

    public int Rendered => Volatile.Read(ref _rendered);
    public int Failed => Volatile.Read(ref _failed);
    public ReportJobState State => (ReportJobState)Volatile.Read(ref _state);

    internal void MarkRendering() => Volatile.Write(ref _state, (int)ReportJobState.Rendering);
    internal void CountRendered() => Interlocked.Increment(ref _rendered);
    internal void CountFailed() => Interlocked.Increment(ref _failed);
    internal void Finish(bool ok) => Volatile.Write(ref _state, (int)(ok ? ReportJobState.Done : ReportJobState.Failed));
}

public sealed record DashboardSnapshot(string BatchId, ReportJobState State, int Rendered, int Failed, int Total, DateTime TakenAtUtc);

/// <summary>
/// Polls a running batch on a timer and keeps the latest snapshot for the office
/// dashboard page, which reads Latest on each refresh.
/// </summary>
public sealed class BatchDashboardPoller : IDisposable
{
    private readonly CertificateBatchJob _job;
    private readonly System.Timers.Timer _timer;
    private DashboardSnapshot? _latest;
    private int _polling;

    public BatchDashboardPoller(CertificateBatchJob job, TimeSpan interval)
    {
        _job = job;
        _timer = new System.Timers.Timer(interval.TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += (_, _) => Poll();
        _timer.Start();
    }

    public DashboardSnapshot? Latest => Volatile.Read(ref _latest);

    private void Poll()
    {
        if (Interlocked.CompareExchange(ref _polling, 1, 0) != 0)
        {
            return;
        }

        try
        {
            var snapshot = new DashboardSnapshot(_job.BatchId, _job.State, _job.Rendered, _job.Failed, _job.Total, DateTime.UtcNow);
            Volatile.Write(ref _latest, snapshot);
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}

public static class CertificateRenderer
{
    public static Task RenderAsync(CertificateBatchJob job, IReadOnlyList<string> inspectionIds, Func<string, CancellationToken, ValueTask> renderOne, CancellationToken ct) =>
        Task.Run(async () =>
        {
            job.MarkRendering();
            try
            {
                await Parallel.ForEachAsync(inspectionIds, new ParallelOptions { MaxDegreeOfParallelism = 3, CancellationToken = ct }, async (id, token) =>
                {
                    try
                    {
                        await renderOne(id, token).ConfigureAwait(false);
                        job.CountRendered();
                    }
                    catch (Exception) when (!token.IsCancellationRequested)
                    {
                        job.CountFailed();
                    }
                }).ConfigureAwait(false);
                job.Finish(job.Failed == 0);
            }
            catch (OperationCanceledException)
            {
                job.Finish(false);
            }
        }, ct);
}
