namespace Blind47.Lifeboats.Pager;

/// <summary>
/// Tracks the inshore boat through a shout. Pages, crew check-ins and the
/// coxswain's radio reports all arrive on different threads and may drive the
/// same transition at the same moment; only one of them wins.
/// </summary>
public sealed class ShoutStateMachine
{
    private const int Standby = 0;
    private const int Assembling = 1;
    private const int Launched = 2;
    private const int Returning = 3;

    private int _state = Standby;
    private long _shoutNumber;

    public event Action<long>? CrewAssemblyRequested;

    public string State => Volatile.Read(ref _state) switch
    {
        Standby => "Standby",
        Assembling => "Assembling",
        Launched => "Launched",
        Returning => "Returning",
        _ => "Unknown",
    };

    /// <summary>Returns the new shout number, or 0 if a shout is already in progress.</summary>
    public long OnPage()
    {
        if (Interlocked.CompareExchange(ref _state, Assembling, Standby) != Standby)
        {
            return 0;
        }

        var shout = Interlocked.Increment(ref _shoutNumber);
        CrewAssemblyRequested?.Invoke(shout);
        return shout;
    }

    public bool OnLaunch() => Interlocked.CompareExchange(ref _state, Launched, Assembling) == Assembling;

    public bool OnReturning() => Interlocked.CompareExchange(ref _state, Returning, Launched) == Launched;

    public bool OnStoodDown()
    {
        // A shout can be stood down before launch or after the boat is back.
        while (true)
        {
            var current = Volatile.Read(ref _state);
            if (current is not (Assembling or Returning))
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _state, Standby, current) == current)
            {
                return true;
            }
        }
    }

    public long LastShout => Interlocked.Read(ref _shoutNumber);
}

public static class PagerFeeds
{
    public static Task RunAsync(ShoutStateMachine machine, IEnumerable<Func<CancellationToken, Task<bool>>> feeds, CancellationToken ct)
    {
        var listeners = feeds.Select(feed => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                if (await feed(ct))
                {
                    machine.OnPage();
                }
            }
        }, ct));

        return Task.WhenAll(listeners);
    }
}
