namespace Luthier.Workshop.Cabinet;

public sealed record CureStatus(string Instrument, int CoatNumber, DateTimeOffset CuredAt, bool ReadyForNextCoat);

/// <summary>
/// Tracks varnish curing for one instrument in the drying cabinet. The cabinet controller
/// thread reports cures; the workshop display polls <see cref="Status"/> from its own timer.
/// </summary>
public sealed class CureStatusBoard
{
    private readonly string _instrument;
    private readonly object _transitionLock = new();
    private CureStatus _status;
    private int _coatsApplied;

    public CureStatusBoard(string instrument)
    {
        _instrument = instrument;
        _status = new CureStatus(instrument, 0, DateTimeOffset.MinValue, true);
    }

    public CureStatus Status => Volatile.Read(ref _status);

    public void CoatApplied()
    {
        lock (_transitionLock)
        {
            _coatsApplied++;
            Volatile.Write(ref _status, new CureStatus(_instrument, _coatsApplied, DateTimeOffset.MinValue, false));
        }
    }

    public void CoatCured(DateTimeOffset at)
    {
        lock (_transitionLock)
        {
            if (_status.ReadyForNextCoat)
            {
                return;
            }
            Volatile.Write(ref _status, new CureStatus(_instrument, _coatsApplied, at, true));
        }
    }

    public string DisplayText()
    {
        var s = Status;
        return s.ReadyForNextCoat
            ? $"{s.Instrument}: coat {s.CoatNumber} cured at {s.CuredAt:HH:mm}"
            : $"{s.Instrument}: coat {s.CoatNumber} drying";
    }
}

/// <summary>Background loop of the drying cabinet controller.</summary>
public sealed class CabinetHumidityLoop
{
    private readonly CureStatusBoard _board;
    private readonly Func<double> _readHumidity;

    public CabinetHumidityLoop(CureStatusBoard board, Func<double> readHumidity)
    {
        _board = board;
        _readHumidity = readHumidity;
    }

    public Thread Start(CancellationToken ct)
    {
        var thread = new Thread(() =>
        {
            double previous = _readHumidity();
            while (!ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(30)))
            {
                double current = _readHumidity();
                if (Math.Abs(current - previous) < 0.2 && !_board.Status.ReadyForNextCoat)
                {
                    _board.CoatCured(DateTimeOffset.Now);
                }
                previous = current;
            }
        })
        { IsBackground = true, Name = "cure-cabinet" };
        thread.Start();
        return thread;
    }
}
