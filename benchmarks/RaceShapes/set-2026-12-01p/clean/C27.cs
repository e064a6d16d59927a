using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.Glacier.Seismic;

public sealed record IcequakeEvent(DateTimeOffset At, double Magnitude, double DepthM);

public sealed record SeismicSummary(int EventsLastHour, double LargestMagnitude, DateTimeOffset? LastEventAt);

/// <summary>
/// Clusters icequake detections from the glacier geophones. Detections are queued by
/// the geophone driver callbacks; a long-running loop keeps the event history and
/// publishes a fresh summary after each batch.
/// </summary>
public sealed class IcequakeMonitor : IDisposable
{
    private readonly ConcurrentQueue<IcequakeEvent> _incoming = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _cts = new();
    private readonly Queue<IcequakeEvent> _history = new();
    private readonly Task _loop;
    private SeismicSummary _summary = new(0, 0, null);

    public IcequakeMonitor()
    {
        _loop = Task.Factory.StartNew(Run, _cts.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public SeismicSummary Summary => Volatile.Read(ref _summary);

    /// <summary>Called from geophone driver threads.</summary>
    public void OnDetection(IcequakeEvent detection)
    {
        _incoming.Enqueue(detection);
        _signal.Release();
    }

    private void Run()
    {
        var ct = _cts.Token;
        try
        {
            while (true)
            {
                _signal.Wait(ct);

                while (_incoming.TryDequeue(out var e))
                {
                    _history.Enqueue(e);
                }

                var cutoff = DateTimeOffset.UtcNow.AddHours(-1);
                while (_history.Count > 0 && _history.Peek().At < cutoff)
                {
                    _history.Dequeue();
                }

                double largest = 0;
                DateTimeOffset? last = null;
                foreach (var e in _history)
                {
                    largest = Math.Max(largest, e.Magnitude);
                    last = last is null || e.At > last ? e.At : last;
                }

                Interlocked.Exchange(ref _summary, new SeismicSummary(_history.Count, largest, last));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _cts.Cancel();
        _loop.Wait();
        _cts.Dispose();
        _signal.Dispose();
    }
}
