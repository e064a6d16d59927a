using System.Collections.Concurrent;

namespace HospitalPharmacy.Robots
{
    public sealed record DispenseOrder(string OrderId, string WardCode, string Ndc, int Quantity, int Priority);

    public sealed record PickResult(string OrderId, string RobotId, bool Success, string? FailureReason);

    /// <summary>
    /// Collects pick results per ward so the ward tablets can show what has
    /// left the pharmacy. Each picking robot reports from its own worker task.
    /// </summary>
    public sealed class WardDispenseLedger
    {
        private readonly ConcurrentDictionary<string, List<PickResult>> _byWard = new();

        public void Report(string wardCode, PickResult result)
        {
            var list = _byWard.GetOrAdd(wardCode, _ => new List<PickResult>());
            list.Add(result);
        }

        public int CountFor(string wardCode)
        {
            return _byWard.TryGetValue(wardCode, out var list) ? list.Count : 0;
        }

        public IEnumerable<string> Wards => _byWard.Keys;
    }

    /// <summary>
    /// Drives one picking arm: takes orders off the shared queue and picks them.
    /// </summary>
    public sealed class PickingRobotWorker
    {
        private readonly string _robotId;
        private readonly BlockingCollection<DispenseOrder> _orders;
        private readonly WardDispenseLedger _ledger;
        private readonly Func<DispenseOrder, bool> _pick;

        public PickingRobotWorker(string robotId, BlockingCollection<DispenseOrder> orders, WardDispenseLedger ledger, Func<DispenseOrder, bool> pick)
        {
            _robotId = robotId;
            _orders = orders;
            _ledger = ledger;
            _pick = pick;
        }

        public void Run(CancellationToken ct)
        {
            foreach (var order in _orders.GetConsumingEnumerable(ct))
            {
                PickResult result;
                try
                {
                    var ok = _pick(order);
                    result = new PickResult(order.OrderId, _robotId, ok, ok ? null : "Bin empty");
                }
                catch (InvalidOperationException ex)
                {
                    result = new PickResult(order.OrderId, _robotId, false, ex.Message);
                }

                _ledger.Report(order.WardCode, result);
            }
        }
    }

    /// <summary>
    /// Starts one long-running worker per robot arm in the cell.
    /// </summary>
    public sealed class PickingCell
    {
        private readonly BlockingCollection<DispenseOrder> _orders = new(boundedCapacity: 200);
        private readonly WardDispenseLedger _ledger = new();

        public WardDispenseLedger Ledger => _ledger;

        public void Submit(DispenseOrder order) => _orders.Add(order);

        public Task[] Start(IReadOnlyList<string> robotIds, Func<DispenseOrder, bool> pick, CancellationToken ct)
        {
            var tasks = new Task[robotIds.Count];
            for (var i = 0; i < robotIds.Count; i++)
            {
                var worker = new PickingRobotWorker(robotIds[i], _orders, _ledger, pick);
                tasks[i] = Task.Factory.StartNew(() => worker.Run(ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
            return tasks;
        }

        public void CompleteIntake() => _orders.CompleteAdding();
    }
}
