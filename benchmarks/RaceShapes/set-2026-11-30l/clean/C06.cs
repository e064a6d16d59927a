using System;
using System.Collections.Generic;
using System.Linq;

namespace Stockroom.Replenishment
{
    public sealed record MoveOrder(string OrderId, string Sku, string FromReserveBin, string ToPickFace, int Cases)
    {
        public string? OperatorId { get; init; }
        public DateTime? ClosedUtc { get; init; }
        public int CasesMoved { get; init; }
    }

    /// <summary>
    /// Dispatches replenishment moves from reserve racking to pick faces. A singleton in the
    /// forklift terminal API; every terminal calls <see cref="Claim"/> and <see cref="Close"/>
    /// from its own request.
    /// </summary>
    public sealed class ReplenishmentDispatcher
    {
        private readonly object _sync = new();
        private readonly LinkedList<MoveOrder> _open = new();
        private readonly Dictionary<string, MoveOrder> _claimed = new(StringComparer.Ordinal);
        private readonly List<MoveOrder> _closed = new();

        public void Add(MoveOrder order)
        {
            lock (_sync)
            {
                // Urgent faces (empty) go first.
                if (order.Cases >= 5) _open.AddFirst(order);
                else _open.AddLast(order);
            }
        }

        public MoveOrder? Claim(string operatorId)
        {
            lock (_sync)
            {
                var node = _open.First;
                if (node is null) return null;
                _open.RemoveFirst();
                var claimed = node.Value with { OperatorId = operatorId };
                _claimed.Add(claimed.OrderId, claimed);
                return claimed;
            }
        }

        public bool Close(string orderId, int casesMoved)
        {
            lock (_sync)
            {
                return MoveToClosed(orderId, casesMoved);
            }
        }

        public int Release(string operatorId)
        {
            lock (_sync)
            {
                var mine = _claimed.Values.Where(o => o.OperatorId == operatorId).ToList();
                foreach (var order in mine)
                {
                    _claimed.Remove(order.OrderId);
                    _open.AddFirst(order with { OperatorId = null });
                }
                return mine.Count;
            }
        }

        public IReadOnlyList<MoveOrder> ClosedToday()
        {
            lock (_sync)
            {
                var today = DateTime.UtcNow.Date;
                return _closed.Where(o => o.ClosedUtc >= today).ToList();
            }
        }

        private bool MoveToClosed(string orderId, int casesMoved)
        {
            if (!_claimed.Remove(orderId, out var order))
                return false;
            _closed.Add(order with { CasesMoved = casesMoved, ClosedUtc = DateTime.UtcNow });
            return true;
        }
    }
}
