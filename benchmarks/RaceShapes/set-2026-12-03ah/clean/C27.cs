using Timer = System.Timers.Timer;

namespace Blind34.ClayPigeon.Cooldown;

/// <summary>
/// Puts a trap machine into a cool-down after a run of rapid throws so the
/// arm motor does not overheat. The stand button handler calls
/// <see cref="TryThrow"/>; a one-shot timer ends the cool-down.
/// </summary>
public sealed class TrapCooldown : IDisposable
{
    private readonly object _gate = new();
    private readonly Timer _timer;
    private readonly int _maxBurst;
    private readonly Queue<DateTime> _recentThrows = new();
    private readonly TimeSpan _burstWindow;
    private bool _coolingDown;
    private int _cooldowns;

    public TrapCooldown(int maxBurst, TimeSpan burstWindow, TimeSpan coolDown)
    {
        _maxBurst = maxBurst;
        _burstWindow = burstWindow;
        _timer = new Timer(coolDown.TotalMilliseconds) { AutoReset = false };
        _timer.Elapsed += (_, _) => EndCooldown();
    }

    public bool TryThrow()
    {
        lock (_gate)
        {
            if (_coolingDown)
            {
                return false;
            }

            var now = DateTime.UtcNow;
            while (_recentThrows.Count > 0 && now - _recentThrows.Peek() > _burstWindow)
            {
                _recentThrows.Dequeue();
            }

            _recentThrows.Enqueue(now);
            if (_recentThrows.Count >= _maxBurst)
            {
                _coolingDown = true;
                _cooldowns++;
                _recentThrows.Clear();
                _timer.Start();
            }

            return true;
        }
    }

    private void EndCooldown()
    {
        lock (_gate)
        {
            _coolingDown = false;
        }
    }

    public (bool CoolingDown, int Cooldowns) State
    {
        get
        {
            lock (_gate)
            {
                return (_coolingDown, _cooldowns);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer.Stop();
        }

        _timer.Dispose();
    }
}
