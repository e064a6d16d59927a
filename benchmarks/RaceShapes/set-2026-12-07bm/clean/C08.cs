using System.Collections.Immutable;

namespace Blind65.MorrisDancing.Music;

public sealed record TuneCall(string Side, string Tune, int Bpm);

public interface ITuneCallListener
{
    void OnTuneCalled(TuneCall call);
}

/// <summary>
/// Broadcasts the foreman's tune calls to the musicians' tablets. Tablets join
/// and leave at any time, including from inside a notification.
/// </summary>
public sealed class TuneCallBroadcaster
{
    private ImmutableArray<ITuneCallListener> _listeners = ImmutableArray<ITuneCallListener>.Empty;

    public IDisposable Join(ITuneCallListener listener)
    {
        ImmutableInterlocked.Update(ref _listeners, (list, l) => list.Add(l), listener);
        return new Membership(this, listener);
    }

    private void Leave(ITuneCallListener listener) =>
        ImmutableInterlocked.Update(ref _listeners, (list, l) => list.Remove(l), listener);

    public int ListenerCount => ImmutableInterlocked.InterlockedCompareExchange(ref _listeners, default, default).Length;

    /// <summary>Called from the foreman's handset reader thread.</summary>
    public void Broadcast(TuneCall call)
    {
        var listeners = ImmutableInterlocked.InterlockedCompareExchange(ref _listeners, default, default);
        foreach (var listener in listeners)
        {
            try
            {
                listener.OnTuneCalled(call);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Tablet failed to take call {call.Tune}: {ex.Message}");
            }
        }
    }

    private sealed class Membership : IDisposable
    {
        private TuneCallBroadcaster? _owner;
        private readonly ITuneCallListener _listener;

        public Membership(TuneCallBroadcaster owner, ITuneCallListener listener)
        {
            _owner = owner;
            _listener = listener;
        }

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Leave(_listener);
    }
}

public sealed class OneShotTablet : ITuneCallListener
{
    private IDisposable? _membership;
    private TuneCall? _lastCall;

    public void Attach(TuneCallBroadcaster broadcaster) =>
        Interlocked.Exchange(ref _membership, broadcaster.Join(this))?.Dispose();

    public TuneCall? LastCall => Volatile.Read(ref _lastCall);

    public void OnTuneCalled(TuneCall call)
    {
        Volatile.Write(ref _lastCall, call);
        Interlocked.Exchange(ref _membership, null)?.Dispose();
    }
}
