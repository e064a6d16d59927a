namespace Blind31.WoolDyeingVats.Mordants;

public sealed record MordantRequest(int RequestId, string Mordant, double Grams, int Priority);

/// <summary>
/// Queue of mordant doses waiting for the dosing pump. Shared by the recipe planner,
/// the pump controller thread and the workshop console.
/// </summary>
public sealed class MordantDoseQueue
{
    private readonly object _sync = new();
    private readonly List<MordantRequest> _waiting = new();
    private MordantRequest? _dosing;
    private double _gramsDispensed;

    public void Enqueue(MordantRequest request)
    {
        lock (_sync)
        {
            _waiting.Add(request);
        }
    }

    /// <summary>Called by the pump controller when it is ready for the next dose.</summary>
    public MordantRequest? BeginNext()
    {
        lock (_sync)
        {
            if (_dosing != null || _waiting.Count == 0)
            {
                return null;
            }

            _dosing = _waiting[0];
            _waiting.RemoveAt(0);
            return _dosing;
        }
    }

    public void Complete(int requestId, double gramsActuallyDispensed)
    {
        lock (_sync)
        {
            if (_dosing?.RequestId != requestId)
            {
                throw new InvalidOperationException($"Request {requestId} is not being dosed.");
            }

            _gramsDispensed += gramsActuallyDispensed;
            _dosing = null;
        }
    }

    /// <summary>Orders the waiting doses by priority, keeping arrival order within a priority.</summary>
    public void Reprioritise()
    {
        lock (_sync)
        {
            var ordered = _waiting.OrderByDescending(r => r.Priority).ToList();
            _waiting.Clear();
            _waiting.AddRange(ordered);
        }
    }

    public (int Waiting, int? Dosing, double GramsDispensed) Status()
    {
        lock (_sync)
        {
            return (_waiting.Count, _dosing?.RequestId, _gramsDispensed);
        }
    }
}

/// <summary>Pump controller loop; runs on its own long-running task.</summary>
public sealed class DosingPumpController
{
    private readonly MordantDoseQueue _queue;
    private readonly Func<MordantRequest, double> _pump;

    public DosingPumpController(MordantDoseQueue queue, Func<MordantRequest, double> pump)
    {
        _queue = queue;
        _pump = pump;
    }

    public Task RunAsync(CancellationToken ct) => Task.Factory.StartNew(() =>
    {
        while (!ct.IsCancellationRequested)
        {
            var next = _queue.BeginNext();
            if (next is null)
            {
                ct.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(250));
                continue;
            }

            double dispensed = _pump(next);
            _queue.Complete(next.RequestId, dispensed);
        }
    }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
