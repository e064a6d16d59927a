namespace Blind38.KiteFestival.Wind;

/// <summary>
/// Announces a wind-limit change to the flying field only once the anemometer has been
/// steady for a while. Gust readings arrive from the weather mast's receiver thread and
/// from the manual override on the marshal's tablet.
/// </summary>
public sealed class WindLimitAnnouncer : IDisposable
{
    private readonly object _gate = new();
    private readonly TimeSpan _settle;
    private readonly Func<double, Task> _announce;
    private CancellationTokenSource? _pending;
    private long _generation;
    private double _lastAnnouncedKnots = double.NaN;
    private bool _disposed;

    public WindLimitAnnouncer(TimeSpan settle, Func<double, Task> announce)
    {
        _settle = settle;
        _announce = announce;
    }

    public void OnGust(double knots)
    {
        CancellationToken token;
        long generation;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _pending?.Cancel();
            _pending?.Dispose();
            _pending = new CancellationTokenSource();
            token = _pending.Token;
            generation = ++_generation;
        }

        _ = AnnounceWhenSettledAsync(knots, generation, token);
    }

    private async Task AnnounceWhenSettledAsync(double knots, long generation, CancellationToken token)
    {
        try
        {
            await Task.Delay(_settle, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_gate)
        {
            if (generation != _generation || _disposed)
            {
                return;
            }

            if (Math.Abs(knots - _lastAnnouncedKnots) < 0.5)
            {
                return;
            }

            _lastAnnouncedKnots = knots;
        }

        await _announce(knots).ConfigureAwait(false);
    }

    public double LastAnnouncedKnots
    {
        get { lock (_gate) return _lastAnnouncedKnots; }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _pending?.Cancel();
            _pending?.Dispose();
            _pending = null;
        }
    }
}
