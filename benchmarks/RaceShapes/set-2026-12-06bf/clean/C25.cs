namespace Blind58.HovercraftArrivals;

public sealed record ArrivalEvent(string Craft, string Terminal, DateTimeOffset At);

/// <summary>
/// Listens to the hover-pad transponder. Arrivals are detected on the receiver's own thread
/// and raised as events from there.
/// </summary>
public sealed class HoverPadReceiver : IDisposable
{
    private readonly Func<CancellationToken, ArrivalEvent?> _poll;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public event EventHandler<ArrivalEvent>? Arrived;

    public HoverPadReceiver(Func<CancellationToken, ArrivalEvent?> poll)
    {
        _poll = poll;
        _thread = new Thread(Listen) { IsBackground = true, Name = "hoverpad-rx" };
        _thread.Start();
    }

    private void Listen()
    {
        while (!_stop.IsCancellationRequested)
        {
            var arrival = _poll(_stop.Token);
            if (arrival is not null)
            {
                Arrived?.Invoke(this, arrival);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}

/// <summary>
/// Lets the terminal's passenger app await a particular craft's arrival with a timeout.
/// Many app sessions wait at once; each wait has its own completion source.
/// </summary>
public sealed class ArrivalWaiter
{
    private readonly HoverPadReceiver _receiver;

    public ArrivalWaiter(HoverPadReceiver receiver) => _receiver = receiver;

    public async Task<ArrivalEvent?> WaitForAsync(string craft, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var arrived = new TaskCompletionSource<ArrivalEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler<ArrivalEvent> handler = (_, evt) =>
        {
            if (string.Equals(evt.Craft, craft, StringComparison.OrdinalIgnoreCase))
            {
                arrived.TrySetResult(evt);
            }
        };

        _receiver.Arrived += handler;
        using var cancelRegistration = cancellationToken.Register(() => arrived.TrySetCanceled(cancellationToken));
        using var delayCts = new CancellationTokenSource();
        try
        {
            var delay = Task.Delay(timeout, delayCts.Token);
            var winner = await Task.WhenAny(arrived.Task, delay).ConfigureAwait(false);
            if (winner == arrived.Task)
            {
                return await arrived.Task.ConfigureAwait(false);
            }

            return null;
        }
        finally
        {
            _receiver.Arrived -= handler;
            delayCts.Cancel();
        }
    }
}
