namespace Blind31.SnowshoeRentals.Checkout;

public interface IReceiptPrinter
{
    Task PrintAsync(string size, string customer, CancellationToken ct);
}

/// <summary>
/// Handles snowshoe checkouts at the rental hut. Registered as a singleton; the kiosk
/// API calls <see cref="CheckoutAsync"/> for every customer at the same time.
/// </summary>
public sealed class RentalCheckout
{
    private readonly SemaphoreSlim _inventoryGate = new(1, 1);
    private readonly Dictionary<string, int> _stockBySize;
    private readonly IReceiptPrinter _printer;
    private int _completedCheckouts;

    public RentalCheckout(IReceiptPrinter printer, IDictionary<string, int> initialStock)
    {
        _printer = printer;
        _stockBySize = new Dictionary<string, int>(initialStock, StringComparer.OrdinalIgnoreCase);
    }

    public int CompletedCheckouts => Volatile.Read(ref _completedCheckouts);

    public async Task<bool> CheckoutAsync(string size, string customer, CancellationToken ct)
    {
        await _inventoryGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_stockBySize.TryGetValue(size, out int remaining) || remaining == 0)
            {
                return false;
            }

            _stockBySize[size] = remaining - 1;
        }
        finally
        {
            _inventoryGate.Release();
        }

        await _printer.PrintAsync(size, customer, ct).ConfigureAwait(false);
        _completedCheckouts++;
        return true;
    }

    public async Task ReturnAsync(string size, CancellationToken ct)
    {
        await _inventoryGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _stockBySize[size] = _stockBySize.TryGetValue(size, out int remaining) ? remaining + 1 : 1;
        }
        finally
        {
            _inventoryGate.Release();
        }
    }

    public async Task<IReadOnlyDictionary<string, int>> StockAsync(CancellationToken ct)
    {
        await _inventoryGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return new Dictionary<string, int>(_stockBySize);
        }
        finally
        {
            _inventoryGate.Release();
        }
    }
}
