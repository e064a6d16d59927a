namespace CanalTowpath.Maintenance;

public sealed class GateJob
{
    public GateJob(string lockName, string task)
    {
        LockName = lockName;
        Task = task;
    }

    public string LockName { get; }
    public string Task { get; }
    public string Status { get; set; } = "queued";
}

public interface IGateJobSource
{
    Task<IReadOnlyList<GateJob>> NextBatchAsync(CancellationToken ct);
}

public interface IGateCrew
{
    Task DoAsync(GateJob job, CancellationToken ct);
}

/// <summary>
/// Works through lock-gate maintenance jobs along a stretch of towpath. When the
/// shift ends (cancellation), jobs that were picked up but not started are
/// marked as abandoned so the next shift sees them.
/// </summary>
public sealed class LockGateMaintenanceRunner
{
    private readonly IGateJobSource _source;
    private readonly IGateCrew _crew;
    private readonly List<GateJob> _queued = new();
    private readonly List<GateJob> _abandoned = new();

    public LockGateMaintenanceRunner(IGateJobSource source, IGateCrew crew)
    {
        _source = source;
        _crew = crew;
    }

    public async Task RunShiftAsync(CancellationToken shiftEnded)
    {
        using var registration = shiftEnded.Register(() =>
        {
            foreach (var job in _queued)
            {
                job.Status = "abandoned";
                _abandoned.Add(job);
            }
            _queued.Clear();
        });

        while (!shiftEnded.IsCancellationRequested)
        {
            var batch = await _source.NextBatchAsync(shiftEnded).ConfigureAwait(false);
            _queued.AddRange(batch);

            while (_queued.Count > 0 && !shiftEnded.IsCancellationRequested)
            {
                var job = _queued[0];
                _queued.RemoveAt(0);
                job.Status = "in progress";
                await _crew.DoAsync(job, CancellationToken.None).ConfigureAwait(false);
                job.Status = "done";
            }
        }
    }

    /// <summary>Jobs left for the next shift; read once the shift task has completed.</summary>
    public IReadOnlyList<GateJob> Abandoned => _abandoned;
}
