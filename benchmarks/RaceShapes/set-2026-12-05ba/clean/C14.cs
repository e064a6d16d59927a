using System.Collections.Immutable;

namespace Blind53.StainedGlass.OrderBoard;

public sealed record PanelOrder(string Id, string Church, string Window, string Stage);

public sealed record OrderBoardState(ImmutableList<PanelOrder> Orders, int Revision)
{
    public static readonly OrderBoardState Initial = new(ImmutableList<PanelOrder>.Empty, 0);
}

/// <summary>
/// Blazor-style store for the workshop order board. Components read <see cref="State"/>
/// and subscribe to <see cref="Changed"/>; updates come from UI events and from the
/// order-sync background job.
/// </summary>
public sealed class OrderBoardStore
{
    private readonly object _gate = new();
    private OrderBoardState _state = OrderBoardState.Initial;

    public event Action<OrderBoardState>? Changed;

    public OrderBoardState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public void AddOrder(PanelOrder order) => Update(s => s.Orders.Add(order));

    public void MoveToStage(string orderId, string stage) =>
        Update(s =>
        {
            int index = s.Orders.FindIndex(o => o.Id == orderId);
            return index < 0 ? s.Orders : s.Orders.SetItem(index, s.Orders[index] with { Stage = stage });
        });

    public void ReplaceAll(IEnumerable<PanelOrder> orders) => Update(_ => orders.ToImmutableList());

    private void Update(Func<OrderBoardState, ImmutableList<PanelOrder>> reducer)
    {
        OrderBoardState next;
        lock (_gate)
        {
            var orders = reducer(_state);
            if (ReferenceEquals(orders, _state.Orders))
            {
                return;
            }

            next = new OrderBoardState(orders, _state.Revision + 1);
            _state = next;
        }

        Changed?.Invoke(next);
    }
}

/// <summary>
/// Code-behind of the board component: re-renders whenever the store changes.
/// </summary>
public sealed class OrderBoardComponent : IDisposable
{
    private readonly OrderBoardStore _store;
    private readonly Func<Action, Task> _invokeAsync;
    private readonly object _renderLock = new();
    private OrderBoardState _rendered;

    public OrderBoardComponent(OrderBoardStore store, Func<Action, Task> invokeAsync)
    {
        _store = store;
        _invokeAsync = invokeAsync;
        _rendered = store.State;
        _store.Changed += OnChanged;
    }

    public int RenderedRevision
    {
        get
        {
            lock (_renderLock)
            {
                return _rendered.Revision;
            }
        }
    }

    private void OnChanged(OrderBoardState state)
    {
        _ = _invokeAsync(() => Render(state));
    }

    private void Render(OrderBoardState state)
    {
        lock (_renderLock)
        {
            if (state.Revision > _rendered.Revision)
            {
                _rendered = state;
            }
        }
    }

    public void Dispose() => _store.Changed -= OnChanged;
}
