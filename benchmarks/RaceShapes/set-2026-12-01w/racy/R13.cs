namespace Luthier.Workshop.Varnish;

public sealed record CoatRecord(int CoatNumber, DateTimeOffset AppliedAt, TimeSpan DryingTime);

/// <summary>
/// Tracks the varnish schedule for one instrument hanging in the drying cabinet.
/// The cabinet controller thread records when a coat has cured; the workshop display
/// polls <see cref="TryGetStatus"/> from its refresh timer.
/// </summary>
public sealed class VarnishDryingTracker
{
    private readonly string _instrument;
    private readonly List<CoatRecord> _coats = new();
    private readonly object _coatsLock = new();
    private bool _readyForNextCoat;
    private int _curedCoats;
    private DateTimeOffset _curedAt;

    public VarnishDryingTracker(string instrument)
    {
        _instrument = instrument;
    }

    public void CoatApplied(int coatNumber, DateTimeOffset at, TimeSpan expectedDrying)
    {
        lock (_coatsLock)
        {
            _coats.Add(new CoatRecord(coatNumber, at, expectedDrying));
        }
        Volatile.Write(ref _readyForNextCoat, false);
    }

    /// <summary>Called by the cabinet controller when the humidity curve shows the coat has cured.</summary>
    public void CoatCured(DateTimeOffset at)
    {
        int count;
        lock (_coatsLock)
        {
            count = _coats.Count;
        }

        Volatile.Write(ref _readyForNextCoat, true);
        _curedCoats = count;
        _curedAt = at;
    }

    public bool TryGetStatus(out string status)
    {
        if (!Volatile.Read(ref _readyForNextCoat))
        {
            status = $"{_instrument}: drying";
            return false;
        }

        status = $"{_instrument}: coat {_curedCoats} cured at {_curedAt:HH:mm}, ready for next coat";
        return true;
    }

    public IReadOnlyList<CoatRecord> History()
    {
        lock (_coatsLock)
        {
            return _coats.ToList();
        }
    }
}

/// <summary>Background loop of the drying cabinet controller.</summary>
public sealed class DryingCabinetController
{
    private readonly VarnishDryingTracker _tracker;
    private readonly Func<double> _readHumidity;

    public DryingCabinetController(VarnishDryingTracker tracker, Func<double> readHumidity)
    {
        _tracker = tracker;
        _readHumidity = readHumidity;
    }

    public Thread Start(CancellationToken ct)
    {
        var thread = new Thread(() =>
        {
            double previous = _readHumidity();
            while (!ct.IsCancellationRequested)
            {
                Thread.Sleep(TimeSpan.FromSeconds(30));
                double current = _readHumidity();
                if (Math.Abs(current - previous) < 0.2)
                {
                    _tracker.CoatCured(DateTimeOffset.Now);
                }
                previous = current;
            }
        })
        { IsBackground = true, Name = "varnish-cabinet" };
        thread.Start();
        return thread;
    }
}
