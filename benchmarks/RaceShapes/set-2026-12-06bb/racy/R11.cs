namespace Blind54.HearingClinic.Fitting;

public sealed record FittingEvent(string DeviceSerial, string Kind, int ProgramSlot, DateTime AtUtc);

/// <summary>
/// In-process bus for hearing aid fitting events (program changed, feedback detected,
/// battery low). Each fitting station subscribes when a patient session starts and
/// unsubscribes when it ends; stations open and close sessions independently on their
/// own request threads. Events are published from the programming interface reader thread.
/// </summary>
public sealed class FittingEventBus
{
    private Action<FittingEvent>[] _handlers = Array.Empty<Action<FittingEvent>>();

    public IDisposable Subscribe(Action<FittingEvent> handler)
    {
        var current = _handlers;
        var updated = new Action<FittingEvent>[current.Length + 1];
        Array.Copy(current, updated, current.Length);
        updated[current.Length] = handler;
        _handlers = updated;
        return new Subscription(this, handler);
    }

    private void Unsubscribe(Action<FittingEvent> handler)
    {
        var current = _handlers;
        var index = Array.IndexOf(current, handler);
        if (index < 0)
        {
            return;
        }

        var updated = new Action<FittingEvent>[current.Length - 1];
        Array.Copy(current, 0, updated, 0, index);
        Array.Copy(current, index + 1, updated, index, current.Length - index - 1);
        _handlers = updated;
    }

    public void Publish(FittingEvent fittingEvent)
    {
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            handler(fittingEvent);
        }
    }

    private sealed class Subscription : IDisposable
    {
        private FittingEventBus? _bus;
        private readonly Action<FittingEvent> _handler;

        public Subscription(FittingEventBus bus, Action<FittingEvent> handler)
        {
            _bus = bus;
            _handler = handler;
        }

        public void Dispose() => Interlocked.Exchange(ref _bus, null)?.Unsubscribe(_handler);
    }
}

/// <summary>One patient session at a fitting station.</summary>
public sealed class FittingSession : IDisposable
{
    private readonly IDisposable _subscription;
    private readonly string _serial;
    private int _feedbackAlerts;

    public FittingSession(FittingEventBus bus, string serial)
    {
        _serial = serial;
        _subscription = bus.Subscribe(OnEvent);
    }

    public int FeedbackAlerts => Volatile.Read(ref _feedbackAlerts);

    private void OnEvent(FittingEvent e)
    {
        if (e.DeviceSerial == _serial && e.Kind == "feedback")
        {
            Interlocked.Increment(ref _feedbackAlerts);
        }
    }

    public void Dispose() => _subscription.Dispose();
}
