// A node of the test cluster: a silo with AddForkliftNode on loopback ports. The real-process tests start several,
// kill them (kill -9, SIGSTOP) and restart them. Usage:
//   SiloApp <name> <siloPort> <gatewayPort> <primarySiloPort> <clusterId> [workers]
// Prints "READY <pid>" on standard output once the silo is up and its workers are warm.
using System.Globalization;
using System.Net;
using Forklift;
using Forklift.Orleans.Tests.Methods;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

if (WorkerHost.TryRunAsWorker(args))
{
    return;
}

string name = args[0];
int siloPort = int.Parse(args[1], CultureInfo.InvariantCulture);
int gatewayPort = int.Parse(args[2], CultureInfo.InvariantCulture);
int primaryPort = int.Parse(args[3], CultureInfo.InvariantCulture);
string clusterId = args[4];
int workers = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 1;

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);

// Times on every line (UTC, as the test host's own log): a failed start's output is read beside the test host's.
builder.Logging.AddSimpleConsole(options =>
{
    options.TimestampFormat = "HH:mm:ss.fff ";
    options.UseUtcTimestamp = true;
});
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort), serviceId: clusterId, clusterId: clusterId);
    silo.Configure<ClusterMembershipOptions>(ClusterTuning.FastDetection);
    silo.AddForkliftNode(node =>
    {
        node.Pool.Workers = workers;
        node.Pool.EnvironmentVariables[ClusterWork.NodeVariable] = name;
    });
});

using IHost host = builder.Build();
await host.StartAsync();
Console.WriteLine($"READY {Environment.ProcessId}");
await host.WaitForShutdownAsync();
