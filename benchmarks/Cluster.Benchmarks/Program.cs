// Cluster vs local pool, side by side in one run. Nodes are processes of this same app on loopback ports, each with
// one worker process; the caller is a dispatcher silo in this process. Child mode (prints READY once its silo is up):
//   Forklift.Cluster.Benchmarks node <name> <siloPort> <gatewayPort> <primaryPort> <clusterId>
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Forklift;
using Forklift.Cluster.Benchmarks;
using Forklift.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

if (WorkerHost.TryRunAsWorker(args))
{
    return;
}

if (args is ["node", string nodeName, string siloPort, string gatewayPort, string primaryPort, string clusterId])
{
    await RunNodeAsync(nodeName, int.Parse(siloPort, CultureInfo.InvariantCulture), int.Parse(gatewayPort, CultureInfo.InvariantCulture), int.Parse(primaryPort, CultureInfo.InvariantCulture), clusterId);
    return;
}

const int RoundTrips = 3000;
const int MapCalls = 100_000;
const int Naps = 60;
const int NapMilliseconds = 50;
const int Restarts = 5;
Console.WriteLine($"Forklift cluster benchmark: {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine($"Load average at start: {LoadAverage()}");

string cluster = $"forklift-bench-{Environment.ProcessId}";
int primary = NodeProcess.FreePort();
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
builder.UseOrleans(silo => silo
    .UseLocalhostClustering(primary, NodeProcess.FreePort(), primarySiloEndpoint: null, serviceId: cluster, clusterId: cluster)
    .AddForkliftDispatcher());
builder.Services.AddForkliftCluster();
using IHost host = builder.Build();
await host.StartAsync();
var pool = host.Services.GetRequiredService<ClusterWorkerPool>();
var nodes = new List<NodeProcess>();
var inputs = Enumerable.Range(0, MapCalls).Select(i => (i, 1)).ToArray();
try
{
    Console.WriteLine();
    Console.WriteLine("| measurement | local pool | cluster | load average after |");
    Console.WriteLine("|---|---|---|---|");
    await using (var local1 = new WorkerPool(new WorkerPoolOptions { Workers = 1 }))
    {
        await local1.WarmUpAsync();
        nodes.Add(StartNode("node0", primary, cluster));
        await pool.WaitForSlotsAsync(1).WaitAsync(TimeSpan.FromMinutes(5));
        (double localMedian, double localP99) = await RoundTripAsync(local1);
        (double clusterMedian, double clusterP99) = await RoundTripAsync(pool);
        Console.WriteLine($"| round trip `Add`, 1 worker / 1 node × 1 worker: median, p99 (ms) | {localMedian:F3}, {localP99:F3} | {clusterMedian:F3}, {clusterP99:F3} | {LoadAverage()} |");
        double localNap = await NapsAsync(local1);
        double clusterNap = await NapsAsync(pool);
        Console.WriteLine($"| {Naps} × Nap({NapMilliseconds} ms), 1 worker / 1 node (s) | {localNap:F2} | {clusterNap:F2} | {LoadAverage()} |");
    }

    nodes.Add(StartNode("node1", primary, cluster));
    await pool.WaitForSlotsAsync(2).WaitAsync(TimeSpan.FromMinutes(5));
    await using (var local2 = new WorkerPool(new WorkerPoolOptions { Workers = 2 }))
    {
        await local2.WarmUpAsync();
        double localNap = await NapsAsync(local2);
        double clusterNap = await NapsAsync(pool);
        Console.WriteLine($"| {Naps} × Nap({NapMilliseconds} ms), 2 workers / 2 nodes (s) | {localNap:F2} | {clusterNap:F2} | {LoadAverage()} |");

        nodes.Add(StartNode("node2", primary, cluster));
        await pool.WaitForSlotsAsync(3).WaitAsync(TimeSpan.FromMinutes(5));
        double threeNodes = await NapsAsync(pool);
        Console.WriteLine($"| {Naps} × Nap({NapMilliseconds} ms), 3 nodes (s) | – | {threeNodes:F2} | {LoadAverage()} |");

        await BenchmarkWork.AddMapAsync(local2, inputs);
        await BenchmarkWork.AddMapAsync(pool, inputs);
        double localMap = await TimeAsync(() => BenchmarkWork.AddMapAsync(local2, inputs));
        double clusterMap = await TimeAsync(() => BenchmarkWork.AddMapAsync(pool, inputs));
        Console.WriteLine($"| map of {MapCalls:N0} `Add` calls, 2 workers / 3 nodes × 1 worker (ms) | {localMap * 1000:F0} | {clusterMap * 1000:F0} | {LoadAverage()} |");
    }

    Console.WriteLine();
    Console.WriteLine($"Restart of a node (kill -9, then the same node on the same ports) while calls run on the cluster, {Restarts} times:");
    Console.WriteLine();
    Console.WriteLine("| restart | dropped after kill -9 (s) | process start → silo ready (s) | silo ready → first call on it (s) | process start → first call (s) | load average after |");
    Console.WriteLine("|---|---|---|---|---|---|");
    for (int run = 1; run <= Restarts; run++)
    {
        RestartTimes times = await RestartMeasurement.MeasureAsync(pool, nodes[2]);
        Console.WriteLine($"| {run} | {times.Dropped:F2} | {times.Ready:F2} | {times.FirstCallAfterReady:F2} | {times.FirstCallAfterStart:F2} | {LoadAverage()} |");
    }
}
finally
{
    foreach (NodeProcess node in nodes)
    {
        node.Stop();
    }

    await pool.DisposeAsync();
    await host.StopAsync();
}

static async Task<(double Median, double P99)> RoundTripAsync(IWorkerPool target)
{
    for (int i = 0; i < 300; i++)
    {
        await BenchmarkWork.AddAsync(target, i, 1);
    }

    var times = new double[RoundTrips];
    for (int i = 0; i < times.Length; i++)
    {
        long start = Stopwatch.GetTimestamp();
        await BenchmarkWork.AddAsync(target, i, 1);
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    Array.Sort(times);
    return (times[times.Length / 2], times[(int)(times.Length * 0.99)]);
}

static Task<double> NapsAsync(IWorkerPool target)
    => TimeAsync(() => BenchmarkWork.NapMapAsync(target, Enumerable.Repeat(NapMilliseconds, Naps)));

static async Task<double> TimeAsync(Func<Task> run)
{
    long start = Stopwatch.GetTimestamp();
    await run();
    return Stopwatch.GetElapsedTime(start).TotalSeconds;
}

static NodeProcess StartNode(string name, int primary, string cluster)
{
    var node = new NodeProcess(name, primary, cluster);
    node.Start();
    return node;
}

static async Task RunNodeAsync(string name, int siloPort, int gatewayPort, int primaryPort, string cluster)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
    builder.UseOrleans(silo => silo
        .UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort), serviceId: cluster, clusterId: cluster)
        .AddForkliftNode(node =>
        {
            node.Pool.Workers = 1;
            node.Pool.EnvironmentVariables[BenchmarkWork.NodeVariable] = name;
        }));
    using IHost host = builder.Build();
    await host.StartAsync();
    Console.WriteLine($"READY {Environment.ProcessId}");
    await Task.Run(() => Console.In.ReadToEnd());
    await host.StopAsync();
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
