namespace Blind28.SubmarineCable.Repair;

public sealed record SpliceTelemetry(string JointId, double InsertionLossDb, double TensileKn, DateTime MeasuredAt);

public sealed record SpliceReport(string JointId, double InsertionLossDb, double TensileKn, DateTime MeasuredAt, bool Accepted);

/// <summary>
/// Tracks one splice on the repair ship. The jointing team's test set reports telemetry
/// on its own serial reader thread; the voyage planner awaits the result before
/// ordering the cable to be paid out again.
/// </summary>
public sealed class SpliceOperation
{
    private const double MaxInsertionLossDb = 0.08;
    private const double MinTensileKn = 60;

    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SpliceReport? _report;

    public SpliceOperation(string jointId)
    {
        JointId = jointId;
    }

    public string JointId { get; }

    /// <summary>Called from the test set's reader thread when the final measurement arrives.</summary>
    public void OnFinalTelemetry(SpliceTelemetry telemetry)
    {
        var accepted = telemetry.InsertionLossDb <= MaxInsertionLossDb && telemetry.TensileKn >= MinTensileKn;
        if (!_done.TrySetResult(accepted))
        {
            return;
        }

        _report = new SpliceReport(telemetry.JointId, telemetry.InsertionLossDb, telemetry.TensileKn, telemetry.MeasuredAt, accepted);
    }

    public void Abort(string reason) => _done.TrySetException(new InvalidOperationException($"Splice {JointId} aborted: {reason}"));

    public async Task<SpliceReport> WaitForReportAsync(CancellationToken ct)
    {
        await _done.Task.WaitAsync(ct).ConfigureAwait(false);
        return _report ?? throw new InvalidOperationException("Splice completed without a report.");
    }
}

public sealed class VoyagePlanner
{
    private readonly List<string> _log = new();

    public async Task<bool> CompleteJointAsync(SpliceOperation splice, CancellationToken ct)
    {
        var report = await splice.WaitForReportAsync(ct);
        lock (_log)
        {
            _log.Add($"{report.JointId}: {report.InsertionLossDb:F3} dB, {report.TensileKn:F0} kN, accepted={report.Accepted}");
        }

        return report.Accepted;
    }

    public IReadOnlyList<string> Log()
    {
        lock (_log)
        {
            return _log.ToArray();
        }
    }
}
