using System.Collections.Immutable;

namespace Blind35.Wicker.Orders;

public sealed record BasketOrder(string Id, string Style, int Quantity, string Status);

/// <summary>
/// Scoped state container behind the order board page. Updates can arrive from the page's
/// own handlers and from a push notification callback running on a thread-pool thread.
/// Subscribers receive the new immutable snapshot.
/// </summary>
public sealed class OrderBoardState
{
    private readonly object _sync = new();
    private ImmutableList<BasketOrder> _orders = ImmutableList<BasketOrder>.Empty;

    public event Action<ImmutableList<BasketOrder>>? Changed;

    public ImmutableList<BasketOrder> Orders
    {
        get
        {
            lock (_sync)
            {
                return _orders;
            }
        }
    }

    public void Upsert(BasketOrder order)
    {
        ImmutableList<BasketOrder> snapshot;
        lock (_sync)
        {
            var index = _orders.FindIndex(o => o.Id == order.Id);
            _orders = index < 0 ? _orders.Add(order) : _orders.SetItem(index, order);
            snapshot = _orders;
        }

        Changed?.Invoke(snapshot);
    }
}

/// <summary>Page component that renders the order board.</summary>
public sealed class OrderBoardPage : IDisposable
{
    private readonly OrderBoardState _state;
    private readonly SynchronizationContext _renderer;
    private IReadOnlyList<string> _rows = Array.Empty<string>();

    public OrderBoardPage(OrderBoardState state, SynchronizationContext renderer)
    {
        _state = state;
        _renderer = renderer;
        _rows = Format(_state.Orders);
        _state.Changed += OnStateChanged;
    }

    /// <summary>Called by the renderer on its own context.</summary>
    public IReadOnlyList<string> Rows => Volatile.Read(ref _rows);

    private void OnStateChanged(ImmutableList<BasketOrder> snapshot)
    {
        var rows = Format(snapshot);
        _renderer.Post(_ => Volatile.Write(ref _rows, rows), null);
    }

    public void MarkWoven(string orderId)
    {
        var order = _state.Orders.Find(o => o.Id == orderId);
        if (order is not null)
        {
            _state.Upsert(order with { Status = "woven" });
        }
    }

    private static IReadOnlyList<string> Format(IEnumerable<BasketOrder> orders) =>
        orders.OrderBy(o => o.Status).ThenBy(o => o.Id)
            .Select(o => $"{o.Id} {o.Style} x{o.Quantity} [{o.Status}]")
            .ToList();

    public void Dispose() => _state.Changed -= OnStateChanged;
}
