namespace Blind31.SnowshoeRentals.Returns;

public interface IDamageInspector
{
    Task<bool> InspectAsync(string rentalId, CancellationToken ct);
}

/// <summary>
/// Processes snowshoe returns at the hut. One instance is shared by all counter
/// terminals; statistics are shown on the manager's dashboard.
/// </summary>
public sealed class ReturnDesk
{
    private readonly SemaphoreSlim _rackGate = new(1, 1);
    private readonly Dictionary<string, int> _rackCounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly IDamageInspector _inspector;
    private int _returnsProcessed;
    private int _damagedPairs;

    public ReturnDesk(IDamageInspector inspector)
    {
        _inspector = inspector;
    }

    public int ReturnsProcessed => Volatile.Read(ref _returnsProcessed);

    public int DamagedPairs => Volatile.Read(ref _damagedPairs);

    public async Task ProcessReturnAsync(string rentalId, string size, CancellationToken ct)
    {
        bool damaged = await _inspector.InspectAsync(rentalId, ct).ConfigureAwait(false);

        if (!damaged)
        {
            await _rackGate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                _rackCounts[size] = _rackCounts.TryGetValue(size, out int n) ? n + 1 : 1;
            }
            finally
            {
                _rackGate.Release();
            }
        }
        else
        {
            Interlocked.Increment(ref _damagedPairs);
        }

        Interlocked.Increment(ref _returnsProcessed);
    }

    public async Task<bool> TryTakeFromRackAsync(string size, CancellationToken ct)
    {
        await _rackGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_rackCounts.TryGetValue(size, out int n) || n == 0)
            {
                return false;
            }

            _rackCounts[size] = n - 1;
            return true;
        }
        finally
        {
            _rackGate.Release();
        }
    }

    public async Task<string> DashboardLineAsync(CancellationToken ct)
    {
        int onRack;
        await _rackGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            onRack = _rackCounts.Values.Sum();
        }
        finally
        {
            _rackGate.Release();
        }

        return $"{ReturnsProcessed} returns, {DamagedPairs} damaged, {onRack} pairs on rack";
    }
}
