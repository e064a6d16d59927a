using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Forklift.Protocol;

namespace Forklift.Workers;

/// <summary>The command that starts a worker process: the executable and its arguments.</summary>
/// <remarks>
/// Framework-dependent apps (<c>dotnet run</c>, <c>dotnet app.dll</c>, the apphost, ASP.NET, <c>dotnet test</c>) start
/// <c>dotnet exec --runtimeconfig &lt;app&gt;.runtimeconfig.json --depsfile &lt;app&gt;.deps.json Forklift.dll</c>:
/// Forklift.dll's own entry point becomes the worker, with the app's frameworks and dependencies, so the app's
/// <c>Main</c> is never involved. Self-contained and single-file apps have no Forklift.dll to start, so they start
/// themselves again, and <see cref="WorkerHost.TryRunAsWorker"/> at the top of their <c>Main</c> takes over.
/// </remarks>
internal sealed record WorkerLaunch(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Whether the worker is this app's own executable (self-contained, single-file, AOT), whose Main must hand over to <see cref="WorkerHost.TryRunAsWorker"/>.</summary>
    public bool IsSelf { get; init; }

    private const string SingleFileReason = "Assembly.Location is empty in single-file apps; that case is detected and handled by starting the app itself.";

    /// <summary>Works out how this process starts workers.</summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = SingleFileReason)]
    internal static WorkerLaunch Resolve()
    {
        string[] workerArgs = [ProtocolConstants.WorkerSwitch, ProtocolConstants.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        string forklift = typeof(WorkerLaunch).Assembly.Location;
        string coreLib = typeof(object).Assembly.Location;
        bool selfContained = string.IsNullOrEmpty(forklift)
            || string.IsNullOrEmpty(coreLib)
            || SameDirectory(Path.GetDirectoryName(coreLib), AppContext.BaseDirectory);
        if (selfContained)
        {
            string self = Environment.ProcessPath ?? throw new WorkerStartException("Cannot find this process's executable to start workers from.");
            return new WorkerLaunch(self, workerArgs) { IsSelf = true };
        }

        string? deps = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?.Split(';', StringSplitOptions.RemoveEmptyEntries) is [string first, ..] ? first : null;
        string? runtimeConfig = null;
        if (deps is not null && deps.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase))
        {
            runtimeConfig = string.Concat(deps.AsSpan(0, deps.Length - ".deps.json".Length), ".runtimeconfig.json");
        }

        if (runtimeConfig is null || !File.Exists(runtimeConfig))
        {
            throw new WorkerStartException(
                $"Cannot find the runtimeconfig.json of this app (deps file: '{deps ?? "none"}') to start workers with. Framework-dependent apps need <app>.runtimeconfig.json next to <app>.deps.json; self-contained apps need WorkerHost.TryRunAsWorker(args) in Main.");
        }

        var args = new List<string> { "exec", "--runtimeconfig", runtimeConfig };
        if (File.Exists(deps))
        {
            args.Add("--depsfile");
            args.Add(deps);
        }

        args.Add(forklift);
        args.AddRange(workerArgs);
        return new WorkerLaunch(FindDotnet(), args);
    }

    private static string FindDotnet()
    {
        string exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is string process && string.Equals(Path.GetFileName(process), exe, StringComparison.OrdinalIgnoreCase))
        {
            return process;
        }

        // The runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/; the muxer in <root>.
        string runtime = RuntimeEnvironment.GetRuntimeDirectory();
        string candidate = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", exe));
        if (File.Exists(candidate))
        {
            return candidate;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        return exe;
    }

    private static bool SameDirectory(string? a, string b)
        => a is not null && string.Equals(
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)),
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
