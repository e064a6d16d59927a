using System.Diagnostics;

namespace Blind40.KiteMakers.Orders;

public sealed class KiteOrderEventArgs : EventArgs
{
    public KiteOrderEventArgs(string orderId, string model, int quantity)
    {
        OrderId = orderId;
        Model = model;
        Quantity = quantity;
    }

    public string OrderId { get; }
    public string Model { get; }
    public int Quantity { get; }
}

/// <summary>Receives web-shop orders; the event is raised on the webhook listener's worker threads.</summary>
public sealed class WebShopListener
{
    public event EventHandler<KiteOrderEventArgs>? OrderReceived;

    public void Simulate(int orders) =>
        Parallel.For(0, orders, i => OrderReceived?.Invoke(this, new KiteOrderEventArgs($"K{i:D5}", i % 2 == 0 ? "delta" : "sled", 1 + i % 3)));
}

public interface ICuttingPlanner
{
    Task<string> PlanAsync(string model, int quantity, CancellationToken ct);
}

/// <summary>
/// Turns incoming orders into cutting plans for the sail-cloth table.
/// Plans are appended to the day's cutting sheet one at a time.
/// </summary>
public sealed class CuttingSheetBuilder
{
    private readonly ICuttingPlanner _planner;
    private readonly SemaphoreSlim _sheetLock = new(1, 1);
    private readonly List<string> _sheet = new();
    private int _inFlight;
    private int _failed;

    public CuttingSheetBuilder(WebShopListener listener, ICuttingPlanner planner)
    {
        _planner = planner;
        listener.OrderReceived += OnOrderReceived;
    }

    public int InFlight => Volatile.Read(ref _inFlight);
    public int Failed => Volatile.Read(ref _failed);

    private async void OnOrderReceived(object? sender, KiteOrderEventArgs e)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            string plan = await _planner.PlanAsync(e.Model, e.Quantity, CancellationToken.None).ConfigureAwait(false);

            await _sheetLock.WaitAsync().ConfigureAwait(false);
            try
            {
                _sheet.Add($"{e.OrderId}: {plan}");
            }
            finally
            {
                _sheetLock.Release();
            }
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failed);
            Trace.TraceError($"Could not plan order {e.OrderId}: {ex.Message}");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async Task<IReadOnlyList<string>> SnapshotAsync(CancellationToken ct)
    {
        await _sheetLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _sheet.ToArray();
        }
        finally
        {
            _sheetLock.Release();
        }
    }
}
