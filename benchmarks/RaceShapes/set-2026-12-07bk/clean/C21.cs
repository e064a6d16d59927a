namespace Blind63.RowingRegatta.Events;

public interface IRegattaEvent
{
    string Course { get; }
}

public sealed record CrewStarted(string Course, string Crew, DateTimeOffset At) : IRegattaEvent;
public sealed record CrewFinished(string Course, string Crew, TimeSpan Time) : IRegattaEvent;
public sealed record RaceProtested(string Course, string Crew, string Reason) : IRegattaEvent;

/// <summary>
/// Event aggregator for the regatta control tent. Timing posts, umpire
/// launches and the commentary box publish from their own threads; the
/// results board and announcers subscribe.
/// </summary>
public sealed class RegattaEventAggregator
{
    private readonly object _gate = new();
    private readonly Dictionary<Type, List<Delegate>> _handlers = new();

    public IDisposable Subscribe<TEvent>(Action<TEvent> handler) where TEvent : IRegattaEvent
    {
        lock (_gate)
        {
            if (!_handlers.TryGetValue(typeof(TEvent), out var list))
            {
                list = new List<Delegate>();
                _handlers[typeof(TEvent)] = list;
            }
            list.Add(handler);
        }
        return new Token(() =>
        {
            lock (_gate)
            {
                if (_handlers.TryGetValue(typeof(TEvent), out var list))
                {
                    list.Remove(handler);
                }
            }
        });
    }

    public void Publish<TEvent>(TEvent evt) where TEvent : IRegattaEvent
    {
        Delegate[] snapshot;
        lock (_gate)
        {
            snapshot = _handlers.TryGetValue(typeof(TEvent), out var list) ? list.ToArray() : Array.Empty<Delegate>();
        }

        foreach (var handler in snapshot)
        {
            ((Action<TEvent>)handler)(evt);
        }
    }

    private sealed class Token : IDisposable
    {
        private Action? _dispose;
        public Token(Action dispose) => _dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

public sealed class ResultsBoard : IDisposable
{
    private readonly object _gate = new();
    private readonly List<(string Crew, TimeSpan Time)> _finishes = new();
    private readonly IDisposable _subscription;

    public ResultsBoard(RegattaEventAggregator aggregator, string course)
    {
        _subscription = aggregator.Subscribe<CrewFinished>(e =>
        {
            if (e.Course != course) return;
            lock (_gate)
            {
                _finishes.Add((e.Crew, e.Time));
            }
        });
    }

    public IReadOnlyList<(string Crew, TimeSpan Time)> Standings()
    {
        lock (_gate)
        {
            return _finishes.OrderBy(f => f.Time).ToList();
        }
    }

    public void Dispose() => _subscription.Dispose();
}
