using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Forklift.Cluster.Benchmarks;

/// <summary>A node of the benchmark cluster: this app in node mode, on loopback ports that stay the same across
/// restarts (so a restart is the same node coming back, as after a machine reboot).</summary>
internal sealed class NodeProcess(string name, int primaryPort, string clusterId)
{
    private Process? _process;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = name;

    public int SiloPort { get; } = FreePort();

    public int GatewayPort { get; } = FreePort();

    /// <summary>The prefix of this node's silo address in <see cref="Forklift.Orleans.ClusterWorkerPool.Nodes"/>, whatever its generation.</summary>
    public string AddressPrefix => $"127.0.0.1:{SiloPort}@";

    /// <summary>When the current process was started.</summary>
    public long StartedAt { get; private set; }

    /// <summary>When the current process printed READY (its silo started); 0 before.</summary>
    public long ReadyAt { get; private set; }

    /// <summary>Completes when the current process prints READY.</summary>
    public Task Ready => _ready.Task;

    public void Start()
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            info.ArgumentList.Add(typeof(BenchmarkWork).Assembly.Location);
        }

        foreach (string arg in new[] { "node", Name, $"{SiloPort}", $"{GatewayPort}", $"{primaryPort}", clusterId })
        {
            info.ArgumentList.Add(arg);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ready = ready;
        ReadyAt = 0;
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("READY", StringComparison.Ordinal))
            {
                ReadyAt = Stopwatch.GetTimestamp();
                ready.TrySetResult();
            }
        };
        _process?.Dispose();
        StartedAt = Stopwatch.GetTimestamp();
        process.Start();
        process.BeginOutputReadLine();
        _process = process;
    }

    /// <summary>kill -9: the silo dies at once, without telling anyone. Its workers exit when they see their parent gone.</summary>
    public void Kill()
    {
        _process?.Kill(entireProcessTree: false);
        _process?.WaitForExit();
    }

    /// <summary>Asks the node to stop (it stops when its standard input closes), then kills it if it does not.</summary>
    public void Stop()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
