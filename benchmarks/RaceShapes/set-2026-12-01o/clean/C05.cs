namespace Recycling.Weighbridge;

public interface IScaleIndicator
{
    int ReadKilograms();
}

/// <summary>
/// Polls the weighbridge indicator and reports a stable weight once the truck has
/// stopped moving. The kiosk screen reads <see cref="StableWeightKg"/>.
/// </summary>
public sealed class StableWeightMonitor : IDisposable
{
    private const int SamplesRequired = 6;
    private const int ToleranceKg = 20;

    private readonly IScaleIndicator _indicator;
    private readonly Timer _timer;
    private readonly List<int> _window = new();
    private int _polling;
    private int _stableWeightKg = -1;

    public StableWeightMonitor(IScaleIndicator indicator)
    {
        _indicator = indicator;
        _timer = new Timer(OnTick, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
    }

    /// <summary>Stable weight in kilograms, or -1 while the reading is still settling.</summary>
    public int StableWeightKg => Volatile.Read(ref _stableWeightKg);

    private void OnTick(object? state)
    {
        if (Interlocked.CompareExchange(ref _polling, 1, 0) != 0)
        {
            // Previous poll is still talking to the indicator.
            return;
        }

        try
        {
            var kg = _indicator.ReadKilograms();
            _window.Add(kg);
            if (_window.Count > SamplesRequired)
            {
                _window.RemoveAt(0);
            }

            var settled = _window.Count == SamplesRequired && _window.Max() - _window.Min() <= ToleranceKg;
            Volatile.Write(ref _stableWeightKg, settled ? (int)Math.Round(_window.Average()) : -1);
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    public void Dispose()
    {
        using var done = new ManualResetEvent(false);
        _timer.Dispose(done);
        done.WaitOne();
    }
}
