// Forklift on a cluster, on one machine: this app is both the caller and the nodes.
//   dotnet run --project samples/Cluster            starts 3 node processes of itself, counts primes on them
//   Cluster node <name> <siloPort> <gatewayPort> <primaryPort> <clusterId>   (what the caller starts)
// On real machines each node runs `node` with a production clustering provider instead (docs/cluster.md).
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cluster;
using Forklift;
using Forklift.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

if (WorkerHost.TryRunAsWorker(args))
{
    return 0;
}

if (args is ["node", string name, string siloPort, string gatewayPort, string primaryPort, string clusterId])
{
    await RunNodeAsync(name, Port(siloPort), Port(gatewayPort), Port(primaryPort), clusterId);
    return 0;
}

const int NodeCount = 3;
const int Limit = 3_000_000;
const int RangeSize = 25_000;
string cluster = $"forklift-sample-{Environment.ProcessId}";
int primary = FreePort();

// The caller is a silo that runs no calls (AddForkliftDispatcher): the primary of the localhost clustering.
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
builder.UseOrleans(silo => silo
    .UseLocalhostClustering(primary, FreePort(), primarySiloEndpoint: null, serviceId: cluster, clusterId: cluster)
    .AddForkliftDispatcher());
builder.Services.AddForkliftCluster();
using IHost host = builder.Build();
await host.StartAsync();
var pool = host.Services.GetRequiredService<ClusterWorkerPool>();

var watch = Stopwatch.StartNew();
var nodes = new List<Process>();
for (int i = 0; i < NodeCount; i++)
{
    nodes.Add(StartNode($"node{i}", primary, cluster));
}

await pool.WaitForSlotsAsync(NodeCount).WaitAsync(TimeSpan.FromMinutes(3));
Console.WriteLine($"{NodeCount} nodes joined in {watch.Elapsed.TotalSeconds:F1} s:");
foreach (ClusterNodeStatus node in pool.Nodes)
{
    Console.WriteLine($"  {node.Node,-28} {node.State,-7} {node.Capacity} worker(s)");
}

(int From, int To)[] ranges = [.. Enumerable.Range(0, Limit / RangeSize).Select(i => (i * RangeSize, (i + 1) * RangeSize))];
watch.Restart();
RangeCount[] onCluster = await PrimeWork.CountPrimesMapAsync(pool, ranges);
double clusterSeconds = watch.Elapsed.TotalSeconds;
Console.WriteLine($"Cluster: {onCluster.Sum(r => r.Primes):N0} primes below {Limit:N0} in {clusterSeconds:F2} s; ranges per node: "
    + string.Join(", ", onCluster.GroupBy(r => r.Node).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")));

await using (var local = new WorkerPool(new WorkerPoolOptions { Workers = Environment.ProcessorCount }))
{
    watch.Restart();
    RangeCount[] onLocal = await PrimeWork.CountPrimesMapAsync(local, ranges);
    Console.WriteLine($"Local pool ({Environment.ProcessorCount} workers): {onLocal.Sum(r => r.Primes):N0} primes in {watch.Elapsed.TotalSeconds:F2} s; "
        + $"same counts per range: {onLocal.Select(r => r.Primes).SequenceEqual(onCluster.Select(r => r.Primes))}");
}

// Closing a node's standard input asks it to stop gracefully (it drains its calls); it is also how a node notices
// that this process is gone.
foreach (Process node in nodes)
{
    node.StandardInput.Close();
}

foreach (Process node in nodes)
{
    if (!node.WaitForExit(TimeSpan.FromSeconds(60)))
    {
        node.Kill(entireProcessTree: true);
    }
}

await pool.DisposeAsync();
await host.StopAsync();
return 0;

static Process StartNode(string name, int primary, string cluster)
{
    var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
    {
        // Started as `dotnet Cluster.dll`: start the nodes the same way.
        info.ArgumentList.Add(typeof(PrimeWork).Assembly.Location);
    }

    foreach (string arg in new[] { "node", name, $"{FreePort()}", $"{FreePort()}", $"{primary}", cluster })
    {
        info.ArgumentList.Add(arg);
    }

    return Process.Start(info)!;
}

static async Task RunNodeAsync(string name, int siloPort, int gatewayPort, int primaryPort, string cluster)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
    builder.UseOrleans(silo => silo
        .UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort), serviceId: cluster, clusterId: cluster)
        .AddForkliftNode(node =>
        {
            // One worker process per node here: three nodes share this machine's cores. On a real node, leave the
            // default (one per core).
            node.Pool.Workers = 1;
            node.Pool.EnvironmentVariables[PrimeWork.NodeVariable] = name;
        }));
    using IHost host = builder.Build();
    await host.StartAsync();
    await Task.Run(() => Console.In.ReadToEnd());
    await host.StopAsync();
}

static int Port(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
