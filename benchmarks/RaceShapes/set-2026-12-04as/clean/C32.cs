namespace Blind45.Vineyard.TruckDispatch;

public sealed record PickupOrder(string OrderId, string Block, double EstimatedTonnes, DateTimeOffset PickedAt);

public sealed record TruckAssignment(string OrderId, string TruckId, DateTimeOffset Eta);

public interface ITruckRadio
{
    /// <summary>Broadcasts an order; trucks answer through <see cref="HarvestDispatcher.OnTruckAnswer"/>.</summary>
    Task OfferAsync(PickupOrder order, CancellationToken ct);
}

/// <summary>
/// Offers picked bins to the trucks circulating between the blocks and the crush pad.
/// The first truck to accept wins; if none accepts within the deadline the order goes to
/// the supervisor.
/// </summary>
public sealed class HarvestDispatcher
{
    private readonly ITruckRadio _radio;
    private readonly object _lock = new();
    private readonly Dictionary<string, TaskCompletionSource<TruckAssignment?>> _open = new();

    public HarvestDispatcher(ITruckRadio radio) => _radio = radio;

    public async Task<TruckAssignment?> DispatchAsync(PickupOrder order, TimeSpan deadline, CancellationToken ct)
    {
        var answer = new TaskCompletionSource<TruckAssignment?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _open[order.OrderId] = answer;
        }

        var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            timeout.CancelAfter(deadline);
            await using var onTimeout = timeout.Token.Register(() => answer.TrySetResult(null));

            await _radio.OfferAsync(order, timeout.Token).ConfigureAwait(false);
            return await answer.Task.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(order.OrderId);
            }

            timeout.Dispose();
        }
    }

    /// <summary>Called by the radio gateway's receive thread when a driver presses "accept".</summary>
    public bool OnTruckAnswer(string orderId, string truckId, TimeSpan eta)
    {
        TaskCompletionSource<TruckAssignment?>? answer;
        lock (_lock)
        {
            _open.TryGetValue(orderId, out answer);
        }

        return answer is not null
            && answer.TrySetResult(new TruckAssignment(orderId, truckId, DateTimeOffset.UtcNow + eta));
    }

    public int OpenOrders
    {
        get
        {
            lock (_lock)
            {
                return _open.Count;
            }
        }
    }
}
