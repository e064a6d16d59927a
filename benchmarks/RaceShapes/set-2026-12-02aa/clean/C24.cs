namespace Blind27.ClockTowers.Winding;

public sealed record WindingTask(string Tower, string Mechanism, DateTime DueUtc);

/// <summary>
/// Schedules weight-winding and oiling rounds for the town's clock towers. A
/// System.Threading.Timer checks for due work every half minute. If a check is still
/// running when the next tick fires, the new tick is skipped.
/// </summary>
public sealed class WindingRoundScheduler : IDisposable
{
    private readonly Timer _timer;
    private readonly Func<WindingTask, bool> _dispatchCrew;
    private readonly List<WindingTask> _pending;
    private int _running;
    private long _dispatched;

    public WindingRoundScheduler(IEnumerable<WindingTask> plan, Func<WindingTask, bool> dispatchCrew)
    {
        _pending = plan.OrderBy(t => t.DueUtc).ToList();
        _dispatchCrew = dispatchCrew;
        _timer = new Timer(_ => Tick(), null, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    public long Dispatched => Interlocked.Read(ref _dispatched);

    internal void Tick()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return;
        }

        try
        {
            var now = DateTime.UtcNow;
            var i = 0;
            while (i < _pending.Count && _pending[i].DueUtc <= now)
            {
                var task = _pending[i];
                if (_dispatchCrew(task))
                {
                    _pending.RemoveAt(i);
                    Interlocked.Increment(ref _dispatched);

                    // Weight-driven movements need winding again in a week.
                    _pending.Add(task with { DueUtc = now.AddDays(7) });
                    _pending.Sort((a, b) => a.DueUtc.CompareTo(b.DueUtc));
                }
                else
                {
                    i++;
                }
            }
        }
        finally
        {
            Interlocked.Exchange(ref _running, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
