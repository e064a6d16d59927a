namespace Blind37.AlpacaTreks.Waitlist;

public enum OfferOutcome
{
    Accepted,
    Declined,
    TimedOut,
}

/// <summary>
/// An offer of a freed-up trek place to the next person on the waiting list. The customer
/// has a limited time to accept from the link in their text message; otherwise the place
/// is offered to the next in line.
/// </summary>
public sealed class WaitlistOffer : IDisposable
{
    private const int Pending = 0;
    private const int Settled = 1;

    private readonly TaskCompletionSource<OfferOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenRegistration _timeoutRegistration;
    private int _settled = Pending;

    public WaitlistOffer(string trekId, string customer, TimeSpan acceptWithin)
    {
        TrekId = trekId;
        Customer = customer;
        _timeout = new CancellationTokenSource();
        _timeoutRegistration = _timeout.Token.Register(static state => ((WaitlistOffer)state!).Settle(OfferOutcome.TimedOut), this);
        _timeout.CancelAfter(acceptWithin);
    }

    public string TrekId { get; }

    public string Customer { get; }

    public Task<OfferOutcome> Outcome => _outcome.Task;

    /// <summary>Called from the SMS link handler.</summary>
    public bool Accept() => Settle(OfferOutcome.Accepted);

    public bool Decline() => Settle(OfferOutcome.Declined);

    private bool Settle(OfferOutcome outcome)
    {
        if (Interlocked.CompareExchange(ref _settled, Settled, Pending) != Pending)
        {
            return false;
        }

        _outcome.SetResult(outcome);
        return true;
    }

    public void Dispose()
    {
        _timeoutRegistration.Dispose();
        _timeout.Dispose();
    }
}

/// <summary>Offers a freed place down the waiting list until someone takes it.</summary>
public sealed class WaitlistDispatcher
{
    private readonly Func<string, string, Task> _sendOffer;
    private readonly TimeSpan _acceptWithin;

    public WaitlistDispatcher(Func<string, string, Task> sendOffer, TimeSpan acceptWithin)
    {
        _sendOffer = sendOffer;
        _acceptWithin = acceptWithin;
    }

    public async Task<string?> OfferPlaceAsync(string trekId, IEnumerable<string> waitingCustomers, Action<WaitlistOffer> publish)
    {
        foreach (var customer in waitingCustomers)
        {
            using var offer = new WaitlistOffer(trekId, customer, _acceptWithin);
            publish(offer);
            await _sendOffer(customer, trekId).ConfigureAwait(false);

            if (await offer.Outcome.ConfigureAwait(false) == OfferOutcome.Accepted)
            {
                return customer;
            }
        }
        return null;
    }
}
