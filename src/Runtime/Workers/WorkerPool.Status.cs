using System.Diagnostics;
using Forklift.Workers;

namespace Forklift;

/// <content>A point-in-time view of the pool for health checks and dashboards.</content>
public sealed partial class WorkerPool
{
    // Enough to tell "a crash now and then" from "crashing in a loop"; older crashes fall out of the window anyway.
    private const int CrashHistoryLength = 64;

    private readonly long[] _crashTimestamps = new long[CrashHistoryLength];
    private int _crashCount;

    /// <summary>Reads the pool's current state. Cheap (one short lock); safe to call from any thread at any time.</summary>
    /// <param name="crashWindow">How far back <see cref="WorkerPoolStatus.RecentCrashes"/> looks. Defaults to one minute.</param>
    public WorkerPoolStatus GetStatus(TimeSpan? crashWindow = null)
    {
        TimeSpan window = crashWindow ?? TimeSpan.FromMinutes(1);
        long since = Stopwatch.GetTimestamp() - (long)(window.TotalSeconds * Stopwatch.Frequency);
        lock (_scheduler.Gate)
        {
            int starting = 0, idle = 0, busy = 0;
            foreach (WorkerProcess worker in _workers)
            {
                switch (worker.State)
                {
                    case WorkerState.Starting: starting++; break;
                    case WorkerState.Idle: idle++; break;
                    case WorkerState.Busy or WorkerState.Retiring: busy++; break;
                }
            }

            int recent = 0;
            for (int i = 0; i < Math.Min(_crashCount, CrashHistoryLength); i++)
            {
                if (_crashTimestamps[i] >= since)
                {
                    recent++;
                }
            }

            return new WorkerPoolStatus
            {
                Name = _options.Name,
                MaxWorkers = _options.Workers,
                StartingWorkers = _inProcessSlots is null ? starting : 0,
                IdleWorkers = _inProcessSlots is null ? idle : _inProcessSlots.CurrentCount,
                BusyWorkers = _inProcessSlots is null ? busy : _options.Workers - _inProcessSlots.CurrentCount,
                QueuedCalls = _scheduler.Queued,
                CallsInFlight = _scheduler.Outstanding,
                TotalCrashes = _crashCount,
                RecentCrashes = recent,
                CrashWindow = window,
                IsShuttingDown = _scheduler.IsDraining,
            };
        }
    }

    /// <summary>Remembers when a worker crashed, for <see cref="GetStatus"/>. Under the lock.</summary>
    private void RecordCrash()
    {
        _crashTimestamps[_crashCount % CrashHistoryLength] = Stopwatch.GetTimestamp();
        _crashCount++;
    }
}

/// <summary>What a <see cref="WorkerPool"/> was doing when <see cref="WorkerPool.GetStatus"/> was called.</summary>
public sealed record WorkerPoolStatus
{
    /// <summary>The pool's <see cref="WorkerPoolOptions.Name"/>.</summary>
    public required string Name { get; init; }

    /// <summary><see cref="WorkerPoolOptions.Workers"/>: how many workers the pool runs at most.</summary>
    public int MaxWorkers { get; init; }

    /// <summary>Worker processes started but not yet ready.</summary>
    public int StartingWorkers { get; init; }

    /// <summary>Ready workers waiting for a call.</summary>
    public int IdleWorkers { get; init; }

    /// <summary>Workers running a call or a map chunk.</summary>
    public int BusyWorkers { get; init; }

    /// <summary>Live workers: starting, idle or busy.</summary>
    public int LiveWorkers => StartingWorkers + IdleWorkers + BusyWorkers;

    /// <summary>Calls (or map chunks) waiting for a free worker.</summary>
    public int QueuedCalls { get; init; }

    /// <summary>Calls (or map chunks) submitted and not yet finished, queued or running. Process pools only.</summary>
    public int CallsInFlight { get; init; }

    /// <summary>Workers that exited unexpectedly, timed out or were killed, since the pool was created.</summary>
    public int TotalCrashes { get; init; }

    /// <summary>Of those, how many happened within <see cref="CrashWindow"/> (counted among the last 64).</summary>
    public int RecentCrashes { get; init; }

    /// <summary>How far back <see cref="RecentCrashes"/> looked.</summary>
    public TimeSpan CrashWindow { get; init; }

    /// <summary><see langword="true"/> once <see cref="WorkerPool.DisposeAsync()"/> or <see cref="WorkerPool.Terminate"/> began.</summary>
    public bool IsShuttingDown { get; init; }
}
