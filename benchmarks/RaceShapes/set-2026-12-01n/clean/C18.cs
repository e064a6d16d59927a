namespace PrintFarm.Queue;

public sealed record PrintJob(string JobId, string GcodeFile, string Material, TimeSpan EstimatedTime);

/// <summary>
/// Job board for the 3D print farm. Operators submit jobs; each printer's worker thread
/// blocks until a job for it is available.
/// </summary>
public sealed class PrintJobBoard
{
    private readonly object _sync = new();
    private readonly Queue<PrintJob> _jobs = new();
    private bool _closed;

    public void Submit(PrintJob job)
    {
        lock (_sync)
        {
            if (_closed)
            {
                throw new InvalidOperationException("The job board is closed for the night.");
            }
            _jobs.Enqueue(job);
            Monitor.Pulse(_sync);
        }
    }

    public PrintJob? TakeNext()
    {
        lock (_sync)
        {
            while (_jobs.Count == 0 && !_closed)
            {
                Monitor.Wait(_sync);
            }
            return _jobs.Count > 0 ? _jobs.Dequeue() : null;
        }
    }

    public void Close()
    {
        lock (_sync)
        {
            _closed = true;
            Monitor.PulseAll(_sync);
        }
    }
}

/// <summary>
/// Drives one printer: takes jobs off the board until it closes.
/// </summary>
public sealed class PrinterWorker
{
    private readonly string _printerId;
    private readonly PrintJobBoard _board;
    private readonly Action<string, PrintJob> _print;
    private readonly Thread _thread;
    private int _completed;
    private TimeSpan _busyTime;

    public PrinterWorker(string printerId, PrintJobBoard board, Action<string, PrintJob> print)
    {
        _printerId = printerId;
        _board = board;
        _print = print;
        _thread = new Thread(Run) { Name = $"Printer {printerId}" };
    }

    public void Start() => _thread.Start();

    /// <summary>Waits for the worker to drain, then returns its shift totals.</summary>
    public (int Completed, TimeSpan BusyTime) JoinAndReport()
    {
        _thread.Join();
        return (_completed, _busyTime);
    }

    private void Run()
    {
        while (_board.TakeNext() is { } job)
        {
            _print(_printerId, job);
            _completed++;
            _busyTime += job.EstimatedTime;
        }
    }
}

public static class NightShift
{
    public static IReadOnlyList<string> Run(IEnumerable<PrintJob> jobs, params string[] printers)
    {
        var board = new PrintJobBoard();
        var workers = printers.Select(p => new PrinterWorker(p, board, (_, _) => Thread.Sleep(10))).ToList();
        workers.ForEach(w => w.Start());

        foreach (var job in jobs)
        {
            board.Submit(job);
        }
        board.Close();

        return workers.Select((w, i) =>
        {
            var (completed, busy) = w.JoinAndReport();
            return $"{printers[i]}: {completed} jobs, {busy.TotalHours:F1} h";
        }).ToList();
    }
}
