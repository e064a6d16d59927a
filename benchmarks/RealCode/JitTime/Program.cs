// Forklift.RealCode.JitTime <trace.nettrace> [top N]
//
// Sums the JIT's time per group of methods in one process's EventPipe trace (Microsoft-Windows-DotNETRuntime, JIT
// keyword, verbose): from MethodJittingStarted to the MethodLoadVerbose of the same method. Groups: Forklift's own
// methods, generic code instantiated over Forklift's types (its lists, dictionaries, immutable arrays), and the rest
// (the compiler's and the runtime's). With the top N, also prints the N slowest methods to compile.
using Microsoft.Diagnostics.Tracing;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Forklift.RealCode.JitTime <trace.nettrace> [top N]");
    return 2;
}

var top = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
using var source = new EventPipeEventSource(args[0]);
var started = new Dictionary<long, (double At, string Name)>();
var groups = new SortedDictionary<string, (double Milliseconds, int Methods)>(StringComparer.Ordinal);
var slowest = new List<(double Milliseconds, string Name)>();
source.Clr.MethodJittingStarted += e => started[e.MethodID] = (e.TimeStampRelativeMSec, $"{e.MethodNamespace}::{e.MethodName}");
source.Clr.MethodLoadVerbose += e =>
{
    if (!started.Remove(e.MethodID, out var start))
    {
        return; // loaded without being compiled here (precompiled code), or its start is not in the trace
    }

    var milliseconds = e.TimeStampRelativeMSec - start.At;
    var group = start.Name.StartsWith("Forklift", StringComparison.Ordinal) ? "Forklift's own methods"
        : start.Name.Contains("Forklift", StringComparison.Ordinal) ? "generic code over Forklift's types"
        : "everything else";
    var (sum, count) = groups.GetValueOrDefault(group);
    groups[group] = (sum + milliseconds, count + 1);
    slowest.Add((milliseconds, start.Name));
};
source.Process();

foreach (var (group, (milliseconds, methods)) in groups)
{
    Console.WriteLine($"{group}: {methods} methods, {milliseconds:F0} ms");
}

foreach (var (milliseconds, name) in slowest.OrderByDescending(m => m.Milliseconds).Take(top))
{
    Console.WriteLine($"{milliseconds,8:F2} ms  {name}");
}

return 0;
