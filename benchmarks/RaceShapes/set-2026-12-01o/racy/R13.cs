namespace Bakery.Production.Ovens;

public sealed record BakeBatch(string ProductCode, int Trays, TimeSpan BakeTime, int TemperatureC);

public interface IOvenLine
{
    bool IsIdle { get; }
    void Load(BakeBatch batch);
}

/// <summary>
/// Feeds the deck oven with batches from the production plan. The planner screen
/// schedules batches; a timer checks every few seconds whether the oven is free.
/// </summary>
public sealed class OvenDispatcher : IDisposable
{
    private readonly System.Timers.Timer _timer;
    private readonly Queue<BakeBatch> _pending = new();
    private readonly IOvenLine _oven;

    public OvenDispatcher(IOvenLine oven)
    {
        _oven = oven;
        _timer = new System.Timers.Timer(TimeSpan.FromSeconds(5).TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += (_, _) => DispatchNext();
    }

    public void Start() => _timer.Start();

    /// <summary>Called from the planner screen when the baker adds a batch.</summary>
    public void Schedule(BakeBatch batch)
    {
        if (batch.Trays <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), "A batch needs at least one tray.");
        }

        _pending.Enqueue(batch);
    }

    private void DispatchNext()
    {
        if (!_oven.IsIdle || !_pending.TryDequeue(out var next))
        {
            return;
        }

        _oven.Load(next);
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Dispose();
    }
}
