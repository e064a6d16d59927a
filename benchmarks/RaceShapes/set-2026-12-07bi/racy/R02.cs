namespace Blind61.OrganDonors;

public sealed record DonorOffer(string OfferId, string BloodGroup, string Organ, DateTimeOffset OfferedAt);

/// <summary>
/// Holds organ offers that are waiting for a recipient match. Offers arrive from the
/// regional intake feed while the matching worker pulls them off for scoring.
/// </summary>
public sealed class PendingOfferBoard
{
    private readonly List<DonorOffer> _pending = new();
    private readonly object _intakeLock = new();
    private readonly object _matchLock = new();

    public void Add(DonorOffer offer)
    {
        lock (_intakeLock)
        {
            _pending.Add(offer);
        }
    }

    public IReadOnlyList<DonorOffer> TakeForOrgan(string organ)
    {
        lock (_matchLock)
        {
            var taken = _pending.Where(o => o.Organ == organ).ToList();
            _pending.RemoveAll(o => o.Organ == organ);
            return taken;
        }
    }

    public int Count
    {
        get
        {
            lock (_intakeLock)
            {
                return _pending.Count;
            }
        }
    }
}

/// <summary>Pulls offers from the intake feed and scores them against the waiting list.</summary>
public sealed class OfferMatchingWorker
{
    private static readonly string[] Organs = { "kidney", "liver", "heart", "lung", "pancreas" };
    private readonly PendingOfferBoard _board;
    private readonly Func<DonorOffer, Task> _score;

    public OfferMatchingWorker(PendingOfferBoard board, Func<DonorOffer, Task> score)
    {
        _board = board;
        _score = score;
    }

    public Task RunAsync(IAsyncEnumerable<DonorOffer> intake, CancellationToken ct)
    {
        var feed = Task.Run(async () =>
        {
            await foreach (var offer in intake.WithCancellation(ct))
                _board.Add(offer);
        }, ct);

        var matcher = Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                foreach (var organ in Organs)
                {
                    foreach (var offer in _board.TakeForOrgan(organ))
                        await _score(offer);
                }
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }, ct);

        return Task.WhenAll(feed, matcher);
    }
}
