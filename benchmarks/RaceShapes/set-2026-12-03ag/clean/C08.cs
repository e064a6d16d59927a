namespace VintageRally.Scrutineering;

public sealed record InspectionNote(int CarNumber, string Inspector, string Note);

public interface IScrutineeringDesk
{
    void Publish(IReadOnlyList<InspectionNote> notes);
}

/// <summary>
/// Batches scrutineers' notes about entrant cars and publishes them to the
/// desk once no new note has arrived for two seconds.
/// </summary>
public sealed class InspectionNoteDebouncer : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private readonly object _gate = new();
    private readonly IScrutineeringDesk _desk;
    private readonly Timer _timer;
    private List<InspectionNote> _pending = new();
    private bool _disposed;

    public InspectionNoteDebouncer(IScrutineeringDesk desk)
    {
        _desk = desk;
        _timer = new Timer(OnQuiet, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Called from every scrutineer's tablet connection.</summary>
    public void Add(InspectionNote note)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(InspectionNoteDebouncer));
            }

            _pending.Add(note);
            _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnQuiet(object? state)
    {
        List<InspectionNote> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = new List<InspectionNote>();
        }

        _desk.Publish(batch);
    }

    public void Dispose()
    {
        List<InspectionNote> remaining;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            remaining = _pending;
            _pending = new List<InspectionNote>();
        }

        using (var done = new ManualResetEvent(false))
        {
            if (_timer.Dispose(done))
            {
                done.WaitOne();
            }
        }

        if (remaining.Count > 0)
        {
            _desk.Publish(remaining);
        }
    }
}
