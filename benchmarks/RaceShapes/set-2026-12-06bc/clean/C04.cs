using System.Collections.Concurrent;

namespace Blind55.Clean.C04;

public interface ITicketPrinter
{
    void Print(byte[] renderedTicket);
}

/// <summary>A ticket waiting at the box office printer. Can be cancelled until printing starts.</summary>
public sealed class TicketPrintJob
{
    private const int Queued = 0, Printing = 1, Printed = 2, Cancelled = 3;
    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    public TicketPrintJob(string seat, byte[] rendered)
    {
        Seat = seat;
        Rendered = rendered;
    }

    public string Seat { get; }
    public byte[] Rendered { get; }

    /// <summary>Completes with true once printed, false if cancelled first.</summary>
    public Task<bool> Completion => _done.Task;

    public bool TryCancel()
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) != Queued)
        {
            return false;
        }

        _done.TrySetResult(false);
        return true;
    }

    internal bool TryStart() => Interlocked.CompareExchange(ref _state, Printing, Queued) == Queued;

    internal void MarkPrinted()
    {
        Volatile.Write(ref _state, Printed);
        _done.TrySetResult(true);
    }

    internal void MarkFailed(Exception ex) => _done.TrySetException(ex);
}

/// <summary>Feeds one physical ticket printer from a queue shared by all box office windows.</summary>
public sealed class TicketPrintSpooler : IDisposable
{
    private readonly BlockingCollection<TicketPrintJob> _queue = new(boundedCapacity: 200);
    private readonly ITicketPrinter _printer;
    private readonly Thread _worker;

    public TicketPrintSpooler(ITicketPrinter printer)
    {
        _printer = printer;
        _worker = new Thread(Run) { IsBackground = true, Name = "ticket-printer" };
        _worker.Start();
    }

    public TicketPrintJob Enqueue(string seat, byte[] rendered)
    {
        var job = new TicketPrintJob(seat, rendered);
        _queue.Add(job);
        return job;
    }

    private void Run()
    {
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            if (!job.TryStart())
            {
                continue; // cancelled at the window
            }

            try
            {
                _printer.Print(job.Rendered);
                job.MarkPrinted();
            }
            catch (IOException ex)
            {
                job.MarkFailed(ex);
            }
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _worker.Join();
        _queue.Dispose();
    }
}
