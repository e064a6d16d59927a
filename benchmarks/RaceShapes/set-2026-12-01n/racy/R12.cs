using System.Collections.Concurrent;

namespace PressRoom.Jobs;

public sealed class PressJob
{
    private int _sheetsPrinted;

    public PressJob(string name, int sheets)
    {
        Name = name;
        Sheets = sheets;
    }

    public string Name { get; }
    public int Sheets { get; }
    public int SheetsPrinted => Volatile.Read(ref _sheetsPrinted);

    internal void MarkSheetPrinted() => Interlocked.Increment(ref _sheetsPrinted);
}

/// <summary>
/// Drives the web-offset press. Jobs are fed to the press thread in submission order; the
/// operator console shows the running job's progress.
/// </summary>
public sealed class PressController : IDisposable
{
    private readonly BlockingCollection<PressJob> _queue = new();
    private readonly Thread _pressThread;
    private PressJob? _current;

    public PressController()
    {
        _pressThread = new Thread(RunPress) { IsBackground = true, Name = "Press" };
        _pressThread.Start();
    }

    public void Submit(PressJob job) => _queue.Add(job);

    public string StatusLine()
    {
        if (_current == null)
        {
            return $"Idle ({_queue.Count} queued)";
        }
        return $"{_current.Name}: {_current.SheetsPrinted}/{_current.Sheets} sheets";
    }

    private void RunPress()
    {
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            _current = job;
            for (var i = 0; i < job.Sheets; i++)
            {
                Thread.Sleep(2);
                job.MarkSheetPrinted();
            }
            _current = null;
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _pressThread.Join();
        _queue.Dispose();
    }
}

/// <summary>
/// Operator console panel; refreshes its status text once a second.
/// </summary>
public sealed class OperatorConsole : IDisposable
{
    private readonly Timer _refresh;

    public OperatorConsole(PressController press, TextWriter display)
    {
        _refresh = new Timer(_ => display.WriteLine(press.StatusLine()), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    public void Dispose() => _refresh.Dispose();
}
