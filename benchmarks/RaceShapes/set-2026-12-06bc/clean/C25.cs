namespace Blind55.Clean.C25;

/// <summary>
/// Shared loyalty stamp totals for the car wash chain. All bay workers add to it; the
/// dashboard reads it at any time.
/// </summary>
public sealed class LoyaltyStampLedger
{
    private long _stampsIssued;
    private long _freeWashesRedeemed;

    public long StampsIssued => Interlocked.Read(ref _stampsIssued);
    public long FreeWashesRedeemed => Interlocked.Read(ref _freeWashesRedeemed);

    public void Add(long stamps, long redeemed)
    {
        Interlocked.Add(ref _stampsIssued, stamps);
        Interlocked.Add(ref _freeWashesRedeemed, redeemed);
    }
}

/// <summary>Tracks which bay the current async flow is serving, for log lines.</summary>
public static class BayContext
{
    private static readonly AsyncLocal<int?> CurrentBay = new();

    public static int? Bay => CurrentBay.Value;

    public static IDisposable Enter(int bay)
    {
        var previous = CurrentBay.Value;
        CurrentBay.Value = bay;
        return new Restore(previous);
    }

    private sealed class Restore : IDisposable
    {
        private readonly int? _previous;
        public Restore(int? previous) => _previous = previous;
        public void Dispose() => CurrentBay.Value = _previous;
    }
}

/// <summary>
/// Runs one wash bay. Stamps are counted locally and flushed to the shared ledger every
/// few washes and when the bay shuts down.
/// </summary>
public sealed class WashBayWorker
{
    private const int FlushEvery = 20;
    private readonly LoyaltyStampLedger _ledger;
    private readonly int _bay;
    private long _localStamps;
    private long _localRedeemed;

    public WashBayWorker(LoyaltyStampLedger ledger, int bay)
    {
        _ledger = ledger;
        _bay = bay;
    }

    public async Task RunAsync(IAsyncEnumerable<(string Plate, bool HasCard, bool Redeem)> arrivals, Action<string> log, CancellationToken ct)
    {
        using var _ = BayContext.Enter(_bay);
        int sinceFlush = 0;
        try
        {
            await foreach (var car in arrivals.WithCancellation(ct))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct); // wash programme
                if (car.HasCard) _localStamps++;
                if (car.Redeem) _localRedeemed++;
                log($"bay {BayContext.Bay}: washed {car.Plate}");

                if (++sinceFlush >= FlushEvery)
                {
                    Flush();
                    sinceFlush = 0;
                }
            }
        }
        finally
        {
            Flush();
        }
    }

    private void Flush()
    {
        _ledger.Add(_localStamps, _localRedeemed);
        _localStamps = 0;
        _localRedeemed = 0;
    }
}
