using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.DogWalking.Payouts;

public sealed record CompletedWalk(Guid WalkId, Guid WalkerId, decimal Fare, decimal Tip, bool Disputed);

public sealed record WalkerPayout(Guid WalkerId, decimal Gross, decimal PlatformFee, decimal Net);

public interface IWalkHistory
{
    IReadOnlyList<CompletedWalk> LoadWeek(DateOnly weekStarting);
}

/// <summary>
/// Weekly payout run for walkers. Each stage runs as a continuation of the previous
/// one so the admin console stays responsive while the run progresses.
/// </summary>
public sealed class PayoutRun
{
    private const decimal PlatformCommission = 0.18m;

    private readonly IWalkHistory _history;
    private IReadOnlyList<CompletedWalk> _eligible = Array.Empty<CompletedWalk>();
    private int _excludedDisputes;
    private int _started;

    public PayoutRun(IWalkHistory history) => _history = history;

    public Task<IReadOnlyList<WalkerPayout>> StartAsync(DateOnly weekStarting)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A payout run can only be started once.");
        }

        return Task.Run(() => _history.LoadWeek(weekStarting))
            .ContinueWith(load =>
            {
                var walks = load.Result;
                _eligible = walks.Where(w => !w.Disputed).ToList();
                _excludedDisputes = walks.Count - _eligible.Count;
            }, TaskContinuationOptions.OnlyOnRanToCompletion)
            .ContinueWith(_ => ComputePayouts(), TaskContinuationOptions.OnlyOnRanToCompletion)
            .ContinueWith(compute =>
            {
                var payouts = compute.Result;
                Console.WriteLine($"Payout run {weekStarting:yyyy-MM-dd}: {payouts.Count} walkers, {_excludedDisputes} disputed walks held back.");
                return payouts;
            }, TaskContinuationOptions.OnlyOnRanToCompletion);
    }

    private IReadOnlyList<WalkerPayout> ComputePayouts()
    {
        return _eligible
            .GroupBy(w => w.WalkerId)
            .Select(g =>
            {
                var fares = g.Sum(w => w.Fare);
                var tips = g.Sum(w => w.Tip);
                var fee = decimal.Round(fares * PlatformCommission, 2);
                return new WalkerPayout(g.Key, fares + tips, fee, fares + tips - fee);
            })
            .OrderByDescending(p => p.Net)
            .ToList();
    }
}
