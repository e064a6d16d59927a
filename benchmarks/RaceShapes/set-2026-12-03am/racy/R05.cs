using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind39.TramDepot.Dispatch;

public sealed record TramRun(string Line, int TramNumber, DateTime DepartsAt);

/// <summary>
/// Queue of runs waiting for a driver at the depot. The timetable service enqueues runs;
/// driver terminals either block in <see cref="Take"/> or poll with <see cref="TryTakeNow"/>.
/// </summary>
public sealed class DepotDispatchQueue
{
    private readonly Queue<TramRun> _runs = new();
    private readonly object _gate = new();
    private bool _closed;

    public void Enqueue(TramRun run)
    {
        lock (_gate)
        {
            if (_closed)
                throw new InvalidOperationException("Depot dispatch is closed for the night.");
            _runs.Enqueue(run);
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>Blocks until a run is available; returns null once the depot closes.</summary>
    public TramRun? Take(CancellationToken ct)
    {
        lock (_gate)
        {
            while (_runs.Count == 0)
            {
                if (_closed)
                    return null;
                ct.ThrowIfCancellationRequested();
                Monitor.Wait(_gate, TimeSpan.FromMilliseconds(250));
            }
            return _runs.Dequeue();
        }
    }

    /// <summary>Used by the handheld terminals, which must not block.</summary>
    public bool TryTakeNow(out TramRun? run)
    {
        if (_runs.Count == 0)
        {
            run = null;
            return false;
        }

        lock (_gate)
        {
            run = _runs.Dequeue();
            return true;
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }
}

/// <summary>A driver terminal in the depot canteen that polls for work.</summary>
public sealed class CanteenTerminal
{
    private readonly DepotDispatchQueue _queue;
    private readonly string _driverId;

    public CanteenTerminal(DepotDispatchQueue queue, string driverId)
    {
        _queue = queue;
        _driverId = driverId;
    }

    public string Poll()
    {
        return _queue.TryTakeNow(out var run) && run is not null
            ? $"{_driverId}: line {run.Line}, tram {run.TramNumber}, departs {run.DepartsAt:HH:mm}"
            : $"{_driverId}: no runs waiting";
    }
}
