using System.Net;
using System.Net.Sockets;

namespace Blind64.LockKeeping.Telemetry
{
    /// <summary>Settings negotiated with a lock-gate controller when its session starts.</summary>
    public sealed class GateSession
    {
        public string ControllerId { get; set; } = "";
        public int FirmwareVersion { get; set; }
        public TimeSpan PollInterval { get; set; }
        public List<string> Sensors { get; } = new();
    }

    /// <summary>
    /// Accepts TCP connections from lock-gate controllers. Each connection's handshake is read
    /// on the accept loop; the finished session is handed to waiters through a
    /// TaskCompletionSource keyed by controller id.
    /// </summary>
    public sealed class GateControllerServer
    {
        private readonly TcpListener _listener;
        private readonly object _gate = new();
        private readonly Dictionary<string, TaskCompletionSource<GateSession>> _waiting = new();

        public GateControllerServer(int port) => _listener = new TcpListener(IPAddress.Any, port);

        public Task<GateSession> WaitForControllerAsync(string controllerId)
        {
            lock (_gate)
            {
                if (!_waiting.TryGetValue(controllerId, out var tcs))
                {
                    tcs = new TaskCompletionSource<GateSession>(TaskCreationOptions.RunContinuationsAsynchronously);
                    _waiting[controllerId] = tcs;
                }

                return tcs.Task;
            }
        }

        public async Task AcceptLoopAsync(CancellationToken ct)
        {
            _listener.Start();
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(ct).ConfigureAwait(false);
                    using var reader = new StreamReader(client.GetStream());
                    var session = new GateSession
                    {
                        ControllerId = await reader.ReadLineAsync(ct).ConfigureAwait(false) ?? "",
                        FirmwareVersion = int.Parse(await reader.ReadLineAsync(ct).ConfigureAwait(false) ?? "0"),
                        PollInterval = TimeSpan.FromSeconds(5),
                    };

                    string? sensor;
                    while (!string.IsNullOrEmpty(sensor = await reader.ReadLineAsync(ct).ConfigureAwait(false)))
                    {
                        session.Sensors.Add(sensor);
                    }

                    Publish(session);
                }
            }
            finally
            {
                _listener.Stop();
            }
        }

        private void Publish(GateSession session)
        {
            TaskCompletionSource<GateSession> tcs;
            lock (_gate)
            {
                if (!_waiting.TryGetValue(session.ControllerId, out tcs!))
                {
                    tcs = new TaskCompletionSource<GateSession>(TaskCreationOptions.RunContinuationsAsynchronously);
                    _waiting[session.ControllerId] = tcs;
                }
            }

            tcs.TrySetResult(session);
        }
    }

    public static class GateMonitor
    {
        public static async Task<string> DescribeAsync(GateControllerServer server, string controllerId)
        {
            var session = await server.WaitForControllerAsync(controllerId);
            return $"{session.ControllerId} fw {session.FirmwareVersion}, sensors: {string.Join(", ", session.Sensors)}";
        }
    }
}
