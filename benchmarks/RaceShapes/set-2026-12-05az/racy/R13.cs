using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.HotAirBalloon.Clearance;

public enum ClearanceDecision
{
    Cleared,
    Hold,
    Scrubbed,
}

public interface IMarshalRadioLink
{
    Task SendClearanceRequestAsync(Guid requestId, string envelopeRegistration, CancellationToken ct);
}

/// <summary>
/// Tracks launch-clearance requests sent to the field marshal's tablet during a
/// mass ascent. Pilots' crew apps call <see cref="RequestAsync"/>; the marshal's
/// answers arrive on the radio link's reader thread through
/// <see cref="OnDecisionReceived"/>.
/// </summary>
public sealed class ClearanceRequestTracker
{
    private readonly object _sync = new();
    private readonly Dictionary<Guid, TaskCompletionSource<ClearanceDecision>> _pending = new();
    private readonly IMarshalRadioLink _radio;

    public ClearanceRequestTracker(IMarshalRadioLink radio) => _radio = radio;

    public int PendingCount
    {
        get { lock (_sync) return _pending.Count; }
    }

    public async Task<ClearanceDecision> RequestAsync(string envelopeRegistration, TimeSpan timeout, CancellationToken ct)
    {
        var requestId = Guid.NewGuid();
        var tcs = new TaskCompletionSource<ClearanceDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            _pending.Add(requestId, tcs);
        }

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        using var registration = timeoutCts.Token.Register(() =>
        {
            _pending.Remove(requestId);
            tcs.TrySetCanceled();
        });

        await _radio.SendClearanceRequestAsync(requestId, envelopeRegistration, timeoutCts.Token).ConfigureAwait(false);
        return await tcs.Task.ConfigureAwait(false);
    }

    public void OnDecisionReceived(Guid requestId, ClearanceDecision decision)
    {
        TaskCompletionSource<ClearanceDecision>? tcs;
        lock (_sync)
        {
            if (!_pending.Remove(requestId, out tcs))
            {
                return;
            }
        }

        tcs.TrySetResult(decision);
    }
}

/// <summary>
/// Crew-app facing service: asks for clearance and retries once on a hold.
/// </summary>
public sealed class LaunchCoordinator
{
    private readonly ClearanceRequestTracker _tracker;

    public LaunchCoordinator(ClearanceRequestTracker tracker) => _tracker = tracker;

    public async Task<bool> TryLaunchAsync(string envelopeRegistration, CancellationToken ct)
    {
        for (int attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                var decision = await _tracker.RequestAsync(envelopeRegistration, TimeSpan.FromSeconds(45), ct).ConfigureAwait(false);
                if (decision == ClearanceDecision.Cleared)
                {
                    return true;
                }

                if (decision == ClearanceDecision.Scrubbed)
                {
                    return false;
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // Marshal did not answer in time; ask again.
            }

            await Task.Delay(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        }

        return false;
    }
}
