namespace Crowdfunding.Pledges;

public enum ChargeStatus
{
    Pending,
    Captured,
    Declined,
    Refunded,
}

public sealed record Pledge(string PledgeId, string BackerEmail, string ChargeId, decimal Amount, string RewardTier);

public sealed record ReconciliationReport(decimal ConfirmedTotal, int NotCaptured, DateTime CompletedUtc);

public interface IPaymentGateway
{
    Task<ChargeStatus> GetChargeStatusAsync(string chargeId, CancellationToken ct);
}

/// <summary>
/// After a campaign closes, asks the payment gateway which pledges were actually captured
/// so the creator's payout can be calculated.
/// </summary>
public sealed class PledgeReconciler
{
    private readonly IPaymentGateway _gateway;
    private decimal _confirmedTotal;
    private int _notCaptured;

    public PledgeReconciler(IPaymentGateway gateway) => _gateway = gateway;

    public async Task<ReconciliationReport> ReconcileAsync(IReadOnlyList<Pledge> pledges, CancellationToken ct)
    {
        _confirmedTotal = 0m;
        _notCaptured = 0;

        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct };
        await Parallel.ForEachAsync(pledges, options, async (pledge, token) =>
        {
            var status = await _gateway.GetChargeStatusAsync(pledge.ChargeId, token);
            if (status == ChargeStatus.Captured)
            {
                _confirmedTotal += pledge.Amount;
            }
            else
            {
                Interlocked.Increment(ref _notCaptured);
            }
        });

        return new ReconciliationReport(_confirmedTotal, _notCaptured, DateTime.UtcNow);
    }

    public static decimal PlatformFee(decimal confirmedTotal) =>
        Math.Round(confirmedTotal * 0.05m, 2, MidpointRounding.ToEven);
}
