namespace Blind30.MountainHut;

/// <summary>
/// Meal orders for tomorrow's breakfast and packed lunches at the hut. Registered as a
/// singleton; guests order from the lobby tablet and the app concurrently, and the
/// warden closes the list in the evening.
/// </summary>
public sealed class MealOrderBook : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, MealOrder> _orders = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<IReadOnlyCollection<MealOrder>, Task> _sendToKitchen;
    private bool _closed;

    public MealOrderBook(Func<IReadOnlyCollection<MealOrder>, Task> sendToKitchen)
    {
        _sendToKitchen = sendToKitchen;
    }

    public async Task<bool> OrderAsync(string guest, bool breakfast, int packedLunches, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return false;
            }

            _orders[guest] = new MealOrder(guest, breakfast, packedLunches);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> CancelAsync(string guest, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return !_closed && _orders.Remove(guest);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<int> PackedLunchCountAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _orders.Values.Sum(o => o.PackedLunches);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the order list and sends it to the kitchen.</summary>
    public async ValueTask DisposeAsync()
    {
        MealOrder[] final;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            final = _orders.Values.ToArray();
            _orders.Clear();
        }
        finally
        {
            _gate.Release();
        }

        await _sendToKitchen(final).ConfigureAwait(false);
    }
}

public sealed record MealOrder(string Guest, bool Breakfast, int PackedLunches);
