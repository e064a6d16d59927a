namespace Blind53.KiteFestivals.Wind;

public readonly record struct GustReading(string Mast, double SpeedKnots, double DirectionDegrees, DateTime TakenAtUtc);

/// <summary>
/// Hot subject that fans out anemometer gusts to the launch-field dashboards.
/// Dashboards subscribe and unsubscribe from request threads while the mast poller
/// pushes readings and completes the subject when the festival day closes.
/// </summary>
public sealed class GustSubject : IObservable<GustReading>, IObserver<GustReading>
{
    private readonly object _gate = new();
    private IObserver<GustReading>[] _observers = Array.Empty<IObserver<GustReading>>();
    private bool _isStopped;

    public IDisposable Subscribe(IObserver<GustReading> observer)
    {
        if (_isStopped)
        {
            observer.OnCompleted();
            return NoopSubscription.Instance;
        }

        lock (_gate)
        {
            var next = new IObserver<GustReading>[_observers.Length + 1];
            Array.Copy(_observers, next, _observers.Length);
            next[^1] = observer;
            Volatile.Write(ref _observers, next);
        }

        return new Subscription(this, observer);
    }

    public void OnNext(GustReading value)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer.OnNext(value);
        }
    }

    public void OnError(Exception error)
    {
        foreach (var observer in Terminate())
        {
            observer.OnError(error);
        }
    }

    public void OnCompleted()
    {
        foreach (var observer in Terminate())
        {
            observer.OnCompleted();
        }
    }

    private IObserver<GustReading>[] Terminate()
    {
        lock (_gate)
        {
            if (_isStopped)
            {
                return Array.Empty<IObserver<GustReading>>();
            }

            _isStopped = true;
            var current = _observers;
            Volatile.Write(ref _observers, Array.Empty<IObserver<GustReading>>());
            return current;
        }
    }

    private void Remove(IObserver<GustReading> observer)
    {
        lock (_gate)
        {
            int index = Array.IndexOf(_observers, observer);
            if (index < 0)
            {
                return;
            }

            var next = new IObserver<GustReading>[_observers.Length - 1];
            Array.Copy(_observers, 0, next, 0, index);
            Array.Copy(_observers, index + 1, next, index, _observers.Length - index - 1);
            Volatile.Write(ref _observers, next);
        }
    }

    private sealed class Subscription : IDisposable
    {
        private GustSubject? _subject;
        private readonly IObserver<GustReading> _observer;

        public Subscription(GustSubject subject, IObserver<GustReading> observer)
        {
            _subject = subject;
            _observer = observer;
        }

        public void Dispose() => Interlocked.Exchange(ref _subject, null)?.Remove(_observer);
    }

    private sealed class NoopSubscription : IDisposable
    {
        public static readonly NoopSubscription Instance = new();

        public void Dispose()
        {
        }
    }
}
