using System.Collections.Concurrent;

namespace DentalLab.Approvals;

public sealed record ShadeApproval(string CaseId, string Shade, string ApprovedBy, DateTime ApprovedUtc);

/// <summary>
/// Holds crown and bridge cases that are waiting for the dentist to approve the shade.
/// The production planner awaits approvals; approvals arrive from the practice portal.
/// </summary>
public sealed class ShadeApprovalBroker
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ShadeApproval>> _waiting =
        new(StringComparer.OrdinalIgnoreCase);

    public Task<ShadeApproval> WaitForApprovalAsync(string caseId, CancellationToken ct)
    {
        var tcs = new TaskCompletionSource<ShadeApproval>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.TryAdd(caseId, tcs))
        {
            throw new InvalidOperationException($"Case {caseId} is already waiting for a shade approval.");
        }

        var registration = ct.Register(() =>
        {
            if (_waiting.TryRemove(new KeyValuePair<string, TaskCompletionSource<ShadeApproval>>(caseId, tcs)))
            {
                tcs.TrySetCanceled(ct);
            }
        });

        tcs.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        return tcs.Task;
    }

    /// <summary>Called by the practice portal when the dentist signs off the shade.</summary>
    public bool Approve(string caseId, string shade, string dentist)
    {
        if (!_waiting.TryRemove(caseId, out var tcs))
        {
            return false;
        }
        return tcs.TrySetResult(new ShadeApproval(caseId, shade, dentist, DateTime.UtcNow));
    }

    public IReadOnlyCollection<string> CasesWaiting => _waiting.Keys.ToList();
}

/// <summary>
/// Plans milling once the shade is known.
/// </summary>
public sealed class MillingPlanner
{
    private readonly ShadeApprovalBroker _broker;

    public MillingPlanner(ShadeApprovalBroker broker) => _broker = broker;

    public async Task<string> PlanAsync(string caseId, TimeSpan maxWait)
    {
        using var cts = new CancellationTokenSource(maxWait);
        try
        {
            var approval = await _broker.WaitForApprovalAsync(caseId, cts.Token);
            return $"{caseId}: mill in {approval.Shade}, approved by {approval.ApprovedBy}";
        }
        catch (OperationCanceledException)
        {
            return $"{caseId}: no shade approval, case on hold";
        }
    }
}
