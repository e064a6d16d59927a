namespace Blind54.HearingClinic.Audiometry;

public sealed record ThresholdMeasured(string PatientId, int FrequencyHz, int DecibelsHl, string Ear);

/// <summary>
/// Distributes audiometer readings to whoever is interested (the live audiogram chart, the
/// session recorder, the clinic's research export). Subscriptions come and go from UI and
/// request threads while the audiometer thread publishes.
/// </summary>
public sealed class AudiometryFeed
{
    private readonly object _subscribeLock = new();
    private Action<ThresholdMeasured>[] _listeners = Array.Empty<Action<ThresholdMeasured>>();

    public IDisposable Subscribe(Action<ThresholdMeasured> listener)
    {
        lock (_subscribeLock)
        {
            var current = _listeners;
            var updated = new Action<ThresholdMeasured>[current.Length + 1];
            Array.Copy(current, updated, current.Length);
            updated[current.Length] = listener;
            Volatile.Write(ref _listeners, updated);
        }

        return new Unsubscriber(this, listener);
    }

    private void Remove(Action<ThresholdMeasured> listener)
    {
        lock (_subscribeLock)
        {
            var current = _listeners;
            var index = Array.IndexOf(current, listener);
            if (index < 0)
            {
                return;
            }

            var updated = new Action<ThresholdMeasured>[current.Length - 1];
            Array.Copy(current, 0, updated, 0, index);
            Array.Copy(current, index + 1, updated, index, current.Length - index - 1);
            Volatile.Write(ref _listeners, updated);
        }
    }

    public void Publish(ThresholdMeasured reading)
    {
        var listeners = Volatile.Read(ref _listeners);
        foreach (var listener in listeners)
        {
            listener(reading);
        }
    }

    private sealed class Unsubscriber : IDisposable
    {
        private AudiometryFeed? _feed;
        private readonly Action<ThresholdMeasured> _listener;

        public Unsubscriber(AudiometryFeed feed, Action<ThresholdMeasured> listener)
        {
            _feed = feed;
            _listener = listener;
        }

        public void Dispose() => Interlocked.Exchange(ref _feed, null)?.Remove(_listener);
    }
}

/// <summary>Counts readings for the session summary shown at the end of the test.</summary>
public sealed class SessionReadingCounter : IDisposable
{
    private readonly IDisposable _subscription;
    private int _left;
    private int _right;

    public SessionReadingCounter(AudiometryFeed feed) => _subscription = feed.Subscribe(OnReading);

    public (int Left, int Right) Counts => (Volatile.Read(ref _left), Volatile.Read(ref _right));

    private void OnReading(ThresholdMeasured reading)
    {
        if (reading.Ear == "L")
        {
            Interlocked.Increment(ref _left);
        }
        else
        {
            Interlocked.Increment(ref _right);
        }
    }

    public void Dispose() => _subscription.Dispose();
}
