using System.Collections.Generic;

namespace Blind65.MorrisDancing.Schedule;

public sealed record DanceSpotChange(string Side, string Venue, DateTimeOffset NewStart);

/// <summary>
/// Pushes changes in the day-of-dance running order to anyone watching: the
/// squire's tablet, the musicians' board and the public web page. Watchers come
/// and go as devices connect; changes arrive from the organiser feed thread.
/// </summary>
public sealed class RunningOrderFeed : IObservable<DanceSpotChange>
{
    private readonly object _gate = new();
    private readonly List<IObserver<DanceSpotChange>> _observers = new();

    public IDisposable Subscribe(IObserver<DanceSpotChange> observer)
    {
        lock (_gate)
        {
            _observers.Add(observer);
        }
        return new Unsubscriber(this, observer);
    }

    private void Remove(IObserver<DanceSpotChange> observer)
    {
        lock (_gate)
        {
            _observers.Remove(observer);
        }
    }

    /// <summary>Called by the organiser feed whenever a side's slot moves.</summary>
    public void Publish(DanceSpotChange change)
    {
        for (var i = 0; i < _observers.Count; i++)
        {
            try
            {
                _observers[i].OnNext(change);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Observer failed for {change.Side}: {ex.Message}");
            }
        }
    }

    public void Complete()
    {
        IObserver<DanceSpotChange>[] snapshot;
        lock (_gate)
        {
            snapshot = _observers.ToArray();
            _observers.Clear();
        }
        foreach (var observer in snapshot)
        {
            observer.OnCompleted();
        }
    }

    private sealed class Unsubscriber : IDisposable
    {
        private RunningOrderFeed? _feed;
        private readonly IObserver<DanceSpotChange> _observer;

        public Unsubscriber(RunningOrderFeed feed, IObserver<DanceSpotChange> observer)
        {
            _feed = feed;
            _observer = observer;
        }

        public void Dispose()
        {
            Interlocked.Exchange(ref _feed, null)?.Remove(_observer);
        }
    }
}

public sealed class OrganiserFeedReader
{
    private readonly RunningOrderFeed _feed;

    public OrganiserFeedReader(RunningOrderFeed feed) => _feed = feed;

    public Task PumpAsync(IAsyncEnumerable<DanceSpotChange> changes, CancellationToken token) =>
        Task.Run(async () =>
        {
            await foreach (var change in changes.WithCancellation(token))
            {
                _feed.Publish(change);
            }
        }, token);
}
