namespace Blind54.CommunityGarden.Irrigation;

/// <summary>
/// Opens the drip-irrigation valves of the garden beds in rotation. Driven by a
/// <see cref="System.Timers.Timer"/>; the volunteers' app can pause a bed or shut the whole
/// controller down from request threads at any moment.
/// </summary>
public sealed class IrrigationRotation : IDisposable
{
    private readonly object _sync = new();
    private readonly System.Timers.Timer _timer;
    private readonly string[] _beds;
    private readonly HashSet<string> _paused = new(StringComparer.OrdinalIgnoreCase);
    private readonly Action<string, TimeSpan> _openValve;
    private int _nextBed;
    private int _litresEstimate;
    private bool _disposed;

    public IrrigationRotation(string[] beds, Action<string, TimeSpan> openValve)
    {
        _beds = beds;
        _openValve = openValve;
        _timer = new System.Timers.Timer(TimeSpan.FromMinutes(5)) { AutoReset = true };
        _timer.Elapsed += (_, _) => WaterNextBed();
    }

    public void Start()
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _timer.Start();
        }
    }

    public void Pause(string bed)
    {
        lock (_sync)
        {
            _paused.Add(bed);
        }
    }

    public void Resume(string bed)
    {
        lock (_sync)
        {
            _paused.Remove(bed);
        }
    }

    public int LitresEstimate
    {
        get
        {
            lock (_sync)
            {
                return _litresEstimate;
            }
        }
    }

    private void WaterNextBed()
    {
        string? bed = null;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            for (var tried = 0; tried < _beds.Length; tried++)
            {
                var candidate = _beds[_nextBed];
                _nextBed = (_nextBed + 1) % _beds.Length;
                if (!_paused.Contains(candidate))
                {
                    bed = candidate;
                    _litresEstimate += 40;
                    break;
                }
            }
        }

        if (bed is not null)
        {
            _openValve(bed, TimeSpan.FromMinutes(4));
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Stop();
        }

        _timer.Dispose();
    }
}
