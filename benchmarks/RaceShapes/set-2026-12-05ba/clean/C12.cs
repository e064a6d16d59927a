namespace Blind53.WeatherBalloons.Ascent;

public readonly record struct AltitudeFix(string SondeId, double AltitudeMetres, double AscentRate, DateTime AtUtc);

/// <summary>
/// Subject that relays altitude fixes of the current ascent to the tracking map and the
/// burst-detector. Subscribers come and go from request threads while the decoder thread
/// pushes fixes and completes the subject when the sonde lands.
/// </summary>
public sealed class AltitudeSubject : IObservable<AltitudeFix>, IObserver<AltitudeFix>
{
    private readonly object _gate = new();
    private readonly List<IObserver<AltitudeFix>> _observers = new();
    private bool _isStopped;
    private Exception? _error;

    public IDisposable Subscribe(IObserver<AltitudeFix> observer)
    {
        Exception? error;
        lock (_gate)
        {
            if (!_isStopped)
            {
                _observers.Add(observer);
                return new Subscription(this, observer);
            }

            error = _error;
        }

        if (error is not null)
        {
            observer.OnError(error);
        }
        else
        {
            observer.OnCompleted();
        }

        return Subscription.None;
    }

    public void OnNext(AltitudeFix value)
    {
        IObserver<AltitudeFix>[] targets;
        lock (_gate)
        {
            if (_isStopped)
            {
                return;
            }

            targets = _observers.ToArray();
        }

        foreach (var observer in targets)
        {
            observer.OnNext(value);
        }
    }

    public void OnError(Exception error) => Stop(error);

    public void OnCompleted() => Stop(null);

    private void Stop(Exception? error)
    {
        IObserver<AltitudeFix>[] targets;
        lock (_gate)
        {
            if (_isStopped)
            {
                return;
            }

            _isStopped = true;
            _error = error;
            targets = _observers.ToArray();
            _observers.Clear();
        }

        foreach (var observer in targets)
        {
            if (error is null)
            {
                observer.OnCompleted();
            }
            else
            {
                observer.OnError(error);
            }
        }
    }

    private void Unsubscribe(IObserver<AltitudeFix> observer)
    {
        lock (_gate)
        {
            _observers.Remove(observer);
        }
    }

    private sealed class Subscription : IDisposable
    {
        public static readonly IDisposable None = new Subscription(null, null);

        private AltitudeSubject? _owner;
        private readonly IObserver<AltitudeFix>? _observer;

        public Subscription(AltitudeSubject? owner, IObserver<AltitudeFix>? observer)
        {
            _owner = owner;
            _observer = observer;
        }

        public void Dispose()
        {
            var owner = Interlocked.Exchange(ref _owner, null);
            if (owner is not null && _observer is not null)
            {
                owner.Unsubscribe(_observer);
            }
        }
    }
}
