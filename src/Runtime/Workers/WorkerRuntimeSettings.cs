namespace Forklift.Workers;

/// <summary>
/// The .NET runtime settings a worker process starts with, as environment variables, unless the app chose its own
/// (<see cref="WorkerPoolOptions.EnvironmentVariables"/> always wins; a GC region size the parent runs with is kept).
/// </summary>
/// <remarks>
/// The worker is a process the pool starts for the app, so its runtime settings are ours to pick; the parent is the
/// app's own process, and its settings stay the app's.
/// <list type="bullet">
/// <item><b>Workstation GC</b> (<c>DOTNET_gcServer=0</c>): server GC, the ASP.NET default, gives every worker a heap
/// per core; workers are many small processes.</item>
/// <item><b>1 MiB GC regions</b> (<c>DOTNET_GCRegionSize</c>; the runtime's default is 4 MiB, and it picks 1 MiB
/// itself under a small heap limit): a large object smaller than eight regions shares a "large region", and once it
/// is dead the GC hands its memory back to the kernel, so (measured, one process or a worker alike) every other
/// 16 MB array decoded after a collection faulted all its 4,064 pages in again: half the time of a 16 MB echo. An
/// object of eight regions or more gets a region of its own, which the next array of that size reuses without a
/// fault. With 1 MiB regions that holds from 8 MiB up instead of from 32 MiB up (docs/benchmarks.md, "Time per MB
/// from 16 MB to 1 GB").</item>
/// </list>
/// </remarks>
internal static class WorkerRuntimeSettings
{
    /// <summary>The variable that sets the GC's region size (a hexadecimal number of bytes, as all <c>DOTNET_</c>
    /// numbers are).</summary>
    public const string RegionSizeVariable = "DOTNET_GCRegionSize";

    /// <summary>1 MiB.</summary>
    public const string RegionSize = "0x100000";

    /// <summary>The variables to set for a new worker, before the app's own
    /// (<see cref="WorkerPoolOptions.EnvironmentVariables"/>) are applied over them.</summary>
    /// <param name="inherited">Reads a variable of the parent's environment (which the worker inherits).</param>
    /// <param name="appContextData">Reads a runtime setting of the app (its runtimeconfig.json, which the worker
    /// starts with too).</param>
    public static Dictionary<string, string?> Defaults(Func<string, string?> inherited, Func<string, object?> appContextData)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal) { ["DOTNET_gcServer"] = "0" };

        // A region size the app set for itself (environment or runtimeconfig) is a choice: the worker keeps it.
        if (inherited(RegionSizeVariable) is null && inherited("COMPlus_GCRegionSize") is null && appContextData("System.GC.RegionSize") is null)
        {
            variables[RegionSizeVariable] = RegionSize;
        }

        return variables;
    }
}
