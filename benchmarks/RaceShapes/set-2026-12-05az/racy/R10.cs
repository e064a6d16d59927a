using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.Carillon.Broadcast;

public readonly record struct BellStrike(int BellNumber, string Note, byte Velocity, TimeSpan Offset);

/// <summary>
/// Fans out bell strikes from the carillon's keyboard sensor to whoever is
/// listening: the practice console, the recording desk and the live web view.
/// One instance per concert. Strikes are published from the sensor reader
/// thread; listeners attach and detach from web request threads.
/// </summary>
public sealed class BellStrikeBroadcaster
{
    private readonly object _sync = new();
    private Action<BellStrike>[] _listeners = Array.Empty<Action<BellStrike>>();

    public IDisposable Attach(Action<BellStrike> listener)
    {
        lock (_sync)
        {
            var grown = new Action<BellStrike>[_listeners.Length + 1];
            Array.Copy(_listeners, grown, _listeners.Length);
            grown[^1] = listener;
            _listeners = grown;
        }

        return new Detacher(this, listener);
    }

    private void Detach(Action<BellStrike> listener)
    {
        _listeners = Array.FindAll(_listeners, l => l != listener);
    }

    public void Publish(BellStrike strike)
    {
        Action<BellStrike>[] listeners;
        lock (_sync)
        {
            listeners = _listeners;
        }

        foreach (var listener in listeners)
        {
            listener(strike);
        }
    }

    private sealed class Detacher : IDisposable
    {
        private BellStrikeBroadcaster? _owner;
        private readonly Action<BellStrike> _listener;

        public Detacher(BellStrikeBroadcaster owner, Action<BellStrike> listener)
        {
            _owner = owner;
            _listener = listener;
        }

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Detach(_listener);
    }
}

/// <summary>
/// A browser connected to the live concert page. Created per web-socket
/// connection and disposed when the socket closes.
/// </summary>
public sealed class LiveViewSession : IDisposable
{
    private readonly IDisposable _subscription;
    private readonly Func<string, Task> _send;

    public LiveViewSession(BellStrikeBroadcaster broadcaster, Func<string, Task> send)
    {
        _send = send;
        _subscription = broadcaster.Attach(OnStrike);
    }

    private void OnStrike(BellStrike strike)
    {
        _ = _send($"{{\"bell\":{strike.BellNumber},\"note\":\"{strike.Note}\",\"v\":{strike.Velocity}}}");
    }

    public void Dispose() => _subscription.Dispose();
}
