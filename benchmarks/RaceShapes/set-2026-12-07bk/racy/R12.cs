namespace Blind63.FireLookout.Sightings;

public sealed record SmokeSighting(string TowerId, int BearingDegrees, double EstimatedKm, DateTimeOffset At);

public interface ISightingObserver
{
    void OnSighting(SmokeSighting sighting);
}

/// <summary>
/// Fans out smoke sightings from the lookout towers' radio bridge to the
/// dispatch board, the SMS pager and any crews that have subscribed.
/// Crews subscribe and unsubscribe from the field app as they go on and off shift.
/// </summary>
public sealed class SightingHub
{
    private readonly object _gate = new();
    private readonly List<ISightingObserver> _observers = new();
    private long _published;

    public IDisposable Subscribe(ISightingObserver observer)
    {
        lock (_gate)
        {
            _observers.Add(observer);
        }
        return new Subscription(this, observer);
    }

    private void Unsubscribe(ISightingObserver observer)
    {
        lock (_gate)
        {
            _observers.Remove(observer);
        }
    }

    public long Published => Interlocked.Read(ref _published);

    /// <summary>Invoked on the radio bridge's receive thread.</summary>
    public void Publish(SmokeSighting sighting)
    {
        Interlocked.Increment(ref _published);

        for (int i = 0; i < _observers.Count; i++)
        {
            try
            {
                _observers[i].OnSighting(sighting);
            }
            catch (Exception)
            {
                // One failing observer must not stop the others hearing about smoke.
            }
        }
    }

    private sealed class Subscription : IDisposable
    {
        private SightingHub? _hub;
        private readonly ISightingObserver _observer;

        public Subscription(SightingHub hub, ISightingObserver observer)
        {
            _hub = hub;
            _observer = observer;
        }

        public void Dispose() => Interlocked.Exchange(ref _hub, null)?.Unsubscribe(_observer);
    }
}

public sealed class RadioBridge
{
    private readonly SightingHub _hub;
    private readonly Thread _receiver;

    public RadioBridge(SightingHub hub, Func<SmokeSighting?> receive)
    {
        _hub = hub;
        _receiver = new Thread(() =>
        {
            while (receive() is { } sighting)
            {
                _hub.Publish(sighting);
            }
        })
        { IsBackground = true, Name = "radio-bridge" };
    }

    public void Start() => _receiver.Start();
}
