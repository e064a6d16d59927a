using System.Collections.Concurrent;

namespace Municipal.PermitPayments;

public sealed record PaymentResult(string PermitReference, bool Approved, string? AuthCode, string? DeclineReason);

/// <summary>
/// Bridges the permit checkout flow to the payment terminal gateway, which
/// reports outcomes asynchronously on its webhook. Registered as a singleton.
/// </summary>
public sealed class PaymentCoordinator
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<PaymentResult>> _pending = new();

    /// <summary>
    /// Called by the checkout endpoint; completes when the gateway webhook reports back.
    /// </summary>
    public async Task<PaymentResult> AwaitPaymentAsync(string permitReference, TimeSpan timeout, CancellationToken ct)
    {
        var tcs = new TaskCompletionSource<PaymentResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(permitReference, tcs))
        {
            throw new InvalidOperationException($"Payment for {permitReference} already in progress");
        }

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        using var reg = timeoutCts.Token.Register(() =>
            tcs.TrySetResult(new PaymentResult(permitReference, false, null, "timed out")));

        try
        {
            return await tcs.Task.ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(new KeyValuePair<string, TaskCompletionSource<PaymentResult>>(permitReference, tcs));
        }
    }

    /// <summary>
    /// Called by the gateway webhook endpoint on an arbitrary request thread.
    /// </summary>
    public bool Complete(string permitReference, bool approved, string? authCode, string? declineReason)
    {
        if (!_pending.TryGetValue(permitReference, out var tcs))
        {
            return false;
        }
        return tcs.TrySetResult(new PaymentResult(permitReference, approved, authCode, declineReason));
    }

    public int InFlight => _pending.Count;
}

/// <summary>
/// Checkout step that issues the permit once payment is approved.
/// </summary>
public sealed class PermitCheckout
{
    private readonly PaymentCoordinator _payments;
    private readonly Func<string, Task> _issuePermit;

    public PermitCheckout(PaymentCoordinator payments, Func<string, Task> issuePermit)
    {
        _payments = payments;
        _issuePermit = issuePermit;
    }

    public async Task<string> CheckoutAsync(string permitReference, CancellationToken ct)
    {
        var result = await _payments.AwaitPaymentAsync(permitReference, TimeSpan.FromMinutes(2), ct);
        if (!result.Approved)
        {
            return $"Payment declined: {result.DeclineReason}";
        }
        await _issuePermit(permitReference);
        return $"Permit {permitReference} issued (auth {result.AuthCode})";
    }
}
