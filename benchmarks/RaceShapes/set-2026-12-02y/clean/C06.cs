namespace Ballooning.Tethered;

public enum TetherOutcome { Waiting, Inflated, Abandoned }

/// <summary>
/// A single tethered-flight booking. The inflation crew completes it from the
/// thread pool while the passenger may give up waiting at any time.
/// </summary>
public sealed class TetherBooking
{
    private int _state = (int)TetherOutcome.Waiting;
    private readonly TaskCompletionSource<TetherOutcome> _done =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TetherBooking(string passenger) => Passenger = passenger;

    public string Passenger { get; }
    public TetherOutcome Outcome => (TetherOutcome)Volatile.Read(ref _state);
    public Task<TetherOutcome> Completion => _done.Task;

    /// <summary>Moves the booking out of Waiting exactly once; returns false if someone got there first.</summary>
    public bool TryFinish(TetherOutcome outcome)
    {
        if (Interlocked.CompareExchange(ref _state, (int)outcome, (int)TetherOutcome.Waiting) != (int)TetherOutcome.Waiting)
        {
            return false;
        }
        _done.TrySetResult(outcome);
        return true;
    }
}

/// <summary>
/// Runs the tethered-flight queue at a show. Many ticket kiosks call
/// <see cref="BookAsync"/> concurrently.
/// </summary>
public sealed class TetheredFlightDesk
{
    private readonly Func<string, bool> _inflateAndFly;
    private int _basketSpaces;
    private int _flown;

    public TetheredFlightDesk(int basketSpaces, Func<string, bool> inflateAndFly)
    {
        _basketSpaces = basketSpaces;
        _inflateAndFly = inflateAndFly;
    }

    public int Flown => Volatile.Read(ref _flown);
    public int BasketSpaces => Volatile.Read(ref _basketSpaces);

    public async Task<TetherOutcome> BookAsync(string passenger, CancellationToken ct)
    {
        if (Interlocked.Decrement(ref _basketSpaces) < 0)
        {
            Interlocked.Increment(ref _basketSpaces);
            return TetherOutcome.Abandoned;
        }

        var booking = new TetherBooking(passenger);
        using var registration = ct.Register(static b =>
        {
            ((TetherBooking)b!).TryFinish(TetherOutcome.Abandoned);
        }, booking);

        _ = Task.Run(() =>
        {
            bool flew = _inflateAndFly(booking.Passenger);
            if (flew && booking.TryFinish(TetherOutcome.Inflated))
            {
                Interlocked.Increment(ref _flown);
            }
            else
            {
                booking.TryFinish(TetherOutcome.Abandoned);
            }
        });

        var outcome = await booking.Completion.ConfigureAwait(false);
        Interlocked.Increment(ref _basketSpaces);
        return outcome;
    }
}
