using System.Collections.Concurrent;

namespace Wildfire.Diagnostics
{
    public sealed record NodeFault(string NodeId, string Category, string Detail);

    public interface IMeshDiagnostics
    {
        IEnumerable<string> NodeIds();
        double BatteryVolts(string nodeId);
        int PacketLossPercent(string nodeId);
        TimeSpan ClockDrift(string nodeId);
    }

    /// <summary>
    /// Runs the nightly self-test across the sensor mesh: battery, radio and
    /// clock checks run side by side and report faults into one bag.
    /// </summary>
    public sealed class NightlyMeshSelfTest
    {
        private readonly IMeshDiagnostics _diag;

        public NightlyMeshSelfTest(IMeshDiagnostics diag) => _diag = diag;

        public IReadOnlyList<NodeFault> Run()
        {
            var nodes = _diag.NodeIds().ToArray();
            var faults = new ConcurrentBag<NodeFault>();

            Parallel.Invoke(
                () =>
                {
                    foreach (var n in nodes)
                    {
                        var v = _diag.BatteryVolts(n);
                        if (v < 3.4)
                        {
                            faults.Add(new NodeFault(n, "battery", $"{v:F2} V"));
                        }
                    }
                },
                () =>
                {
                    foreach (var n in nodes)
                    {
                        var loss = _diag.PacketLossPercent(n);
                        if (loss > 20)
                        {
                            faults.Add(new NodeFault(n, "radio", $"{loss}% loss"));
                        }
                    }
                },
                () =>
                {
                    foreach (var n in nodes)
                    {
                        var drift = _diag.ClockDrift(n);
                        if (drift.Duration() > TimeSpan.FromSeconds(2))
                        {
                            faults.Add(new NodeFault(n, "clock", $"{drift.TotalMilliseconds:F0} ms"));
                        }
                    }
                });

            return faults
                .OrderBy(f => f.NodeId, StringComparer.Ordinal)
                .ThenBy(f => f.Category, StringComparer.Ordinal)
                .ToList();
        }
    }
}
