namespace Shipping.Stowage.Draught;

public sealed record DraughtSnapshot(double ForwardMetres, double AftMetres, DateTime TakenAtUtc)
{
    public double TrimMetres => AftMetres - ForwardMetres;
}

public interface IDraughtGauge
{
    (double Forward, double Aft) Read();
}

/// <summary>
/// Smooths the draught gauge readings during cargo operations and publishes the latest
/// averaged draught for the stowage planner.
/// </summary>
public sealed class DraughtSmoother : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly IDraughtGauge _gauge;
    private readonly Queue<(double Forward, double Aft)> _window = new();
    private readonly Timer _timer;
    private DraughtSnapshot? _latest;
    private volatile bool _disposed;

    public DraughtSmoother(IDraughtGauge gauge)
    {
        _gauge = gauge;
        _timer = new Timer(Poll, null, Timeout.Infinite, Timeout.Infinite);
    }

    public DraughtSnapshot? Latest => Volatile.Read(ref _latest);

    public void Start() => _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);

    private void Poll(object? state)
    {
        try
        {
            _window.Enqueue(_gauge.Read());
            while (_window.Count > 15)
            {
                _window.Dequeue();
            }

            var forward = _window.Average(r => r.Forward);
            var aft = _window.Average(r => r.Aft);
            Volatile.Write(ref _latest, new DraughtSnapshot(forward, aft, DateTime.UtcNow));
        }
        catch (IOException)
        {
            // Gauge dropped off the network; keep the previous snapshot and try again.
        }
        finally
        {
            if (!_disposed)
            {
                try
                {
                    _timer.Change(PollInterval, Timeout.InfiniteTimeSpan);
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }
}
