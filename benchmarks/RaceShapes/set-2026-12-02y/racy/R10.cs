namespace TidalMill.Grinding;

public sealed record GrindOrder(string Customer, string Grain, double Kilograms);

/// <summary>
/// Admits grinding orders while the tide is running. The millstones can take a
/// limited number of concurrent orders; the web front end and the wholesale
/// importer both submit orders at the same time.
/// </summary>
public sealed class MillstoneScheduler
{
    private readonly int _maxConcurrent;
    private readonly Func<GrindOrder, CancellationToken, Task> _grind;
    private int _inProgress;
    private long _totalGroundGrams;
    private volatile bool _tideRunning = true;

    public MillstoneScheduler(int maxConcurrent, Func<GrindOrder, CancellationToken, Task> grind)
    {
        _maxConcurrent = maxConcurrent;
        _grind = grind;
    }

    public int InProgress => Volatile.Read(ref _inProgress);
    public double TotalGroundKilograms => Interlocked.Read(ref _totalGroundGrams) / 1000.0;

    public void OnTideTurned(bool flooding) => _tideRunning = flooding;

    public async Task<bool> TrySubmitAsync(GrindOrder order, CancellationToken ct)
    {
        if (!_tideRunning)
        {
            return false;
        }

        if (Interlocked.Increment(ref _inProgress) > _maxConcurrent)
        {
            Interlocked.Decrement(ref _inProgress);
            return false;
        }

        try
        {
            await _grind(order, ct).ConfigureAwait(false);
            Interlocked.Add(ref _totalGroundGrams, (long)(order.Kilograms * 1000));
            return true;
        }
        finally
        {
            Finish();
        }
    }

    private void Finish()
    {
        _inProgress--;
        if (_inProgress == 0 && !_tideRunning)
        {
            Idle?.Invoke(this, EventArgs.Empty);
        }
    }

    public event EventHandler? Idle;
}

public static class WholesaleImporter
{
    public static async Task<int> ImportAsync(MillstoneScheduler scheduler, IEnumerable<GrindOrder> orders, CancellationToken ct)
    {
        var attempts = orders.Select(o => scheduler.TrySubmitAsync(o, ct));
        var results = await Task.WhenAll(attempts).ConfigureAwait(false);
        return results.Count(r => r);
    }
}
