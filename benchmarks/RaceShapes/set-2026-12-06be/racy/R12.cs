namespace Blind57.BellRingers.PealBoard;

public sealed class ChangeRungEventArgs : EventArgs
{
    public ChangeRungEventArgs(int changeNumber, string rowOrder, TimeSpan interval)
    {
        ChangeNumber = changeNumber;
        RowOrder = rowOrder;
        Interval = interval;
    }

    public int ChangeNumber { get; }
    public string RowOrder { get; }
    public TimeSpan Interval { get; }
}

/// <summary>
/// Listens to the tower's bell sensors and announces each completed change to the ringing
/// chamber display, the striking-analysis tool and the peal recorder. Sensor input is read on a
/// dedicated thread; listeners come and go from the UI.
/// </summary>
public sealed class PealBoard : IDisposable
{
    private readonly object _gate = new();
    private readonly Func<CancellationToken, (int Bell, TimeSpan At)> _readStrike;
    private readonly int _bells;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _sensorThread;
    private EventHandler<ChangeRungEventArgs>? _changeRung;

    public PealBoard(int bells, Func<CancellationToken, (int, TimeSpan)> readStrike)
    {
        _bells = bells;
        _readStrike = readStrike;
        _sensorThread = new Thread(SensorLoop) { IsBackground = true, Name = "bell-sensors" };
    }

    public event EventHandler<ChangeRungEventArgs>? ChangeRung
    {
        add { lock (_gate) { _changeRung += value; } }
        remove { lock (_gate) { _changeRung -= value; } }
    }

    public void Start() => _sensorThread.Start();

    private void SensorLoop()
    {
        var row = new List<int>(_bells);
        var rowStart = TimeSpan.Zero;
        int change = 0;
        try
        {
            while (true)
            {
                var (bell, at) = _readStrike(_stop.Token);
                if (row.Count == 0) rowStart = at;
                row.Add(bell);
                if (row.Count < _bells) continue;

                change++;
                var args = new ChangeRungEventArgs(change, string.Concat(row), at - rowStart);
                row.Clear();
                if (_changeRung != null)
                {
                    _changeRung(this, args);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _sensorThread.Join(TimeSpan.FromSeconds(2));
    }
}

/// <summary>Shows changes on the ringing chamber screen while a touch is being rung.</summary>
public sealed class ChamberDisplay
{
    private readonly PealBoard _board;
    private readonly Action<string> _show;

    public ChamberDisplay(PealBoard board, Action<string> show)
    {
        _board = board;
        _show = show;
    }

    public void BeginTouch() => _board.ChangeRung += OnChange;

    public void EndTouch() => _board.ChangeRung -= OnChange;

    private void OnChange(object? sender, ChangeRungEventArgs e) =>
        _show($"{e.ChangeNumber,5}  {e.RowOrder}  {e.Interval.TotalSeconds:F2}s");
}
