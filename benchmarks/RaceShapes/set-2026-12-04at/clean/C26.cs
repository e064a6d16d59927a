using System.Collections.Concurrent;

namespace Blind46.CiderPress.Orders;

public enum OrderStep { Received, ApplesReserved, Pressed, Bottled, Shipped, Failed }

public sealed class PressOrderSaga
{
    public PressOrderSaga(string orderId) => OrderId = orderId;

    public string OrderId { get; }
    public OrderStep Step { get; set; } = OrderStep.Received;
    public List<string> History { get; } = new();
    public int Attempts { get; set; }
}

public interface IPressOrderSteps
{
    Task ReserveApplesAsync(string orderId, CancellationToken ct);
    Task PressAsync(string orderId, CancellationToken ct);
    Task BottleAsync(string orderId, CancellationToken ct);
}

/// <summary>
/// Drives custom-pressing orders through reservation, pressing and bottling. Messages
/// for an order can arrive on several consumer threads at once.
/// </summary>
public sealed class PressOrderCoordinator
{
    private readonly ConcurrentDictionary<string, (PressOrderSaga Saga, SemaphoreSlim Gate)> _sagas = new();
    private readonly IPressOrderSteps _steps;

    public PressOrderCoordinator(IPressOrderSteps steps) => _steps = steps;

    public async Task HandleAsync(string orderId, string message, CancellationToken ct)
    {
        var (saga, gate) = _sagas.GetOrAdd(orderId, id => (new PressOrderSaga(id), new SemaphoreSlim(1, 1)));

        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            saga.History.Add($"{DateTime.UtcNow:O} {message}");
            saga.Attempts++;

            switch (saga.Step)
            {
                case OrderStep.Received when message == "apples-available":
                    await _steps.ReserveApplesAsync(orderId, ct).ConfigureAwait(false);
                    saga.Step = OrderStep.ApplesReserved;
                    break;
                case OrderStep.ApplesReserved when message == "press-free":
                    await _steps.PressAsync(orderId, ct).ConfigureAwait(false);
                    saga.Step = OrderStep.Pressed;
                    break;
                case OrderStep.Pressed when message == "juice-settled":
                    await _steps.BottleAsync(orderId, ct).ConfigureAwait(false);
                    saga.Step = OrderStep.Bottled;
                    break;
                case OrderStep.Bottled when message == "courier-collected":
                    saga.Step = OrderStep.Shipped;
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            saga.Step = OrderStep.Failed;
            saga.History.Add($"failed: {ex.Message}");
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<(OrderStep Step, string[] History)> DescribeAsync(string orderId, CancellationToken ct)
    {
        if (!_sagas.TryGetValue(orderId, out var entry))
            return (OrderStep.Received, Array.Empty<string>());

        await entry.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return (entry.Saga.Step, entry.Saga.History.ToArray());
        }
        finally
        {
            entry.Gate.Release();
        }
    }
}
