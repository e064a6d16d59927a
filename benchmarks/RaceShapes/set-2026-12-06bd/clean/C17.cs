namespace Blind56.RollerRink.Occupancy;

public sealed class GateCountEventArgs : EventArgs
{
    public GateCountEventArgs(string gate, int delta, DateTimeOffset at)
    {
        Gate = gate;
        Delta = delta;
        At = at;
    }

    public string Gate { get; }
    public int Delta { get; }
    public DateTimeOffset At { get; }
}

public interface ITurnstileReader
{
    Task<(string Gate, int Delta)> NextAsync(CancellationToken cancellationToken);
}

/// <summary>Reads the rink's turnstiles on a background task and raises GateCounted for every pass.</summary>
public sealed class TurnstileFeed : IDisposable
{
    private readonly ITurnstileReader _reader;
    private readonly CancellationTokenSource _stop = new();

    public TurnstileFeed(ITurnstileReader reader) => _reader = reader;

    public event EventHandler<GateCountEventArgs>? GateCounted;

    public Task Start() => Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            var (gate, delta) = await _reader.NextAsync(_stop.Token).ConfigureAwait(false);
            GateCounted?.Invoke(this, new GateCountEventArgs(gate, delta, DateTimeOffset.UtcNow));
        }
    });

    public void Dispose() => _stop.Cancel();
}

public interface ISessionCapacityLookup
{
    Task<int> CapacityForAsync(DateTimeOffset at);
}

/// <summary>
/// Backs the occupancy panel at the skate-hire counter. Counter staff press
/// Refresh to redraw; the numbers come from the turnstile feed, which the view-model starts.
/// </summary>
public sealed class OccupancyViewModel
{
    private readonly object _sync = new();
    private readonly Dictionary<string, int> _perGate = new(StringComparer.Ordinal);
    private readonly ISessionCapacityLookup _capacity;
    private int _onFloor;
    private int _capacityNow = int.MaxValue;

    public OccupancyViewModel(TurnstileFeed feed, ISessionCapacityLookup capacity)
    {
        _capacity = capacity;
        feed.GateCounted += OnGateCounted;
        _ = feed.Start();
    }

    private async void OnGateCounted(object? sender, GateCountEventArgs e)
    {
        int capacity;
        try
        {
            capacity = await _capacity.CapacityForAsync(e.At).ConfigureAwait(false);
        }
        catch (Exception)
        {
            capacity = int.MaxValue;
        }

        lock (_sync)
        {
            _perGate[e.Gate] = _perGate.GetValueOrDefault(e.Gate) + e.Delta;
            _onFloor = Math.Max(0, _onFloor + e.Delta);
            _capacityNow = capacity;
        }
    }

    public (int OnFloor, bool Full, IReadOnlyDictionary<string, int> PerGate) Refresh()
    {
        lock (_sync)
        {
            return (_onFloor, _onFloor >= _capacityNow, new Dictionary<string, int>(_perGate));
        }
    }
}
