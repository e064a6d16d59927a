using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Forklift.Orleans.Tests;

/// <summary>A node of the real-process test cluster: Fixtures/SiloApp (built with this project) on loopback ports.</summary>
internal sealed partial class SiloProcess : IDisposable
{
    private const int SIGSTOP = 19;

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];
    private Process? _process;

    public SiloProcess(string name, int primaryPort, string clusterId)
    {
        Name = name;
        PrimaryPort = primaryPort;
        ClusterId = clusterId;
        SiloPort = FreePort();
        GatewayPort = FreePort();
    }

    public string Name { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int PrimaryPort { get; }

    public string ClusterId { get; }

    public int ProcessId => _process?.Id ?? 0;

    /// <summary>When the current process was started.</summary>
    public long StartedAt { get; private set; }

    public static string Configuration { get; } = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string AppPath => Path.Combine(RepoRoot(), "tests", "Orleans.Tests", "Fixtures", "SiloApp", "bin", Configuration, "net10.0", "SiloApp.dll");

    /// <summary>Starts the process (again, on the same ports: a new silo generation) and waits until it prints READY.</summary>
    /// <exception cref="InvalidOperationException">It exited, or printed no READY within <paramref name="bound"/>; the
    /// message has its output. The process is left as it is: the caller kills it or starts it again.</exception>
    public async Task StartAsync(TimeSpan bound)
    {
        if (!File.Exists(AppPath))
        {
            throw new FileNotFoundException("The SiloApp fixture was not built; it is a ProjectReference of this test project.", AppPath);
        }

        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { AppPath, Name, $"{SiloPort}", $"{GatewayPort}", $"{PrimaryPort}", ClusterId })
        {
            info.ArgumentList.Add(arg);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Process process = new() { StartInfo = info };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, ready);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, null);
        _process?.Dispose();
        lock (_output)
        {
            // Each start is a new silo: its output is what explains a failure of this start.
            _output.Clear();
        }

        StartedAt = Stopwatch.GetTimestamp();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Task exited = process.WaitForExitAsync();
        Task first = await Task.WhenAny(ready.Task, exited, Task.Delay(bound));
        if (first != ready.Task)
        {
            throw new InvalidOperationException($"Silo {Name} did not start ({(first == exited ? "it exited" : $"no READY within {bound}")}). Output:\n{Output}");
        }
    }

    /// <summary>Whether the current process has ended (killed, or it stopped itself).</summary>
    public bool HasExited => _process is { HasExited: true };

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>kill -9: the silo dies at once, without telling anyone.</summary>
    public void Kill()
    {
        _process?.Kill(entireProcessTree: false);
        _process?.WaitForExit();
    }

    /// <summary>SIGSTOP: the silo hangs with its sockets open (no connection reset), like a frozen machine.</summary>
    public void Freeze()
    {
        if (Kill(ProcessId, SIGSTOP) != 0)
        {
            throw new InvalidOperationException($"kill(SIGSTOP) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public void Dispose()
    {
        if (_process is { HasExited: false } process)
        {
            // SIGKILL also ends a stopped process. Its workers notice their parent is gone and exit on their own.
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        _process?.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void OnLine(string? line, TaskCompletionSource? ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (ready is not null && line.StartsWith("READY", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    private static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Analyzers.sln) above " + AppContext.BaseDirectory);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
