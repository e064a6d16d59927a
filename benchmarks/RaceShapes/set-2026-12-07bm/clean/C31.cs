using System.Collections.Generic;

namespace Blind65.GoatDairies.Cheesemaking;

public enum VatUrgency
{
    Critical = 0,
    Soon = 1,
    Routine = 2,
}

public sealed record VatTask(string Vat, string Step, VatUrgency Urgency);

/// <summary>
/// Work list for the dairy's cheese vats. Vat sensors and the shift planner add
/// tasks; the cheesemakers' handhelds take the most urgent one next.
/// </summary>
public sealed class VatTaskBoard : IDisposable
{
    private readonly object _sync = new();
    private readonly PriorityQueue<VatTask, (int Urgency, long Sequence)> _queue = new();
    private readonly SemaphoreSlim _available = new(0);
    private long _sequence;

    public void Post(VatTask task)
    {
        lock (_sync)
        {
            _queue.Enqueue(task, ((int)task.Urgency, _sequence++));
        }
        _available.Release();
    }

    public async Task<VatTask> TakeAsync(CancellationToken token)
    {
        await _available.WaitAsync(token).ConfigureAwait(false);
        lock (_sync)
        {
            return _queue.Dequeue();
        }
    }

    public IReadOnlyList<VatTask> Peek(int max)
    {
        lock (_sync)
        {
            var items = new List<(VatTask Task, (int, long) Priority)>(_queue.UnorderedItems);
            items.Sort((a, b) => a.Priority.CompareTo(b.Priority));
            var result = new List<VatTask>(Math.Min(max, items.Count));
            for (var i = 0; i < items.Count && i < max; i++)
            {
                result.Add(items[i].Task);
            }
            return result;
        }
    }

    public void Dispose() => _available.Dispose();
}

public sealed class VatSensorWatcher
{
    private readonly VatTaskBoard _board;

    public VatSensorWatcher(VatTaskBoard board) => _board = board;

    public void OnCurdReading(string vat, double ph)
    {
        if (ph < 4.6)
        {
            _board.Post(new VatTask(vat, "Cut curd now", VatUrgency.Critical));
        }
        else if (ph < 5.0)
        {
            _board.Post(new VatTask(vat, "Prepare knives", VatUrgency.Soon));
        }
    }
}

public sealed class CheesemakerHandheld
{
    private readonly VatTaskBoard _board;

    public CheesemakerHandheld(VatTaskBoard board) => _board = board;

    public async Task WorkShiftAsync(Func<VatTask, Task> perform, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            var task = await _board.TakeAsync(token).ConfigureAwait(false);
            await perform(task).ConfigureAwait(false);
        }
    }
}
