using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Forklift.Runtime.Tests;

/// <summary>Runs the fixture apps under Fixtures/ (built with this test project) as real processes.</summary>
internal static class FixtureApps
{
    // A hang guard for the single-file publish, not a speed claim: it took 45-128 s with the machine loaded by two busy
    // loops and a concurrent analyzer test run (2 cores), so 3 minutes left too little headroom for CI.
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(6);
    public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private static readonly Lazy<Task> Built = new(CheckBuilt);
    private static readonly Lazy<Task<string>> SingleFile = new(PublishSingleFileAsync);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string FixturesDirectory => Path.Combine(RepoRoot, "tests", "Runtime.Tests", "Fixtures");

    /// <summary>The configuration this test assembly was built in; fixtures use the Forklift.dll built with it.</summary>
    public static string Configuration { get; } = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string Output(string app) => Path.Combine(FixturesDirectory, app, "bin", Configuration, "net10.0");

    /// <summary>Fails clearly if the fixture apps were not built (they are ProjectReferences of this test project).</summary>
    public static Task EnsureBuiltAsync() => Built.Value;

    /// <summary>Publishes ConsoleApp self-contained as a single file (runtime pack from the package feed); returns the executable.</summary>
    public static Task<string> PublishSingleFileAppAsync() => SingleFile.Value;

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs a process to completion (or kills it at the timeout) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        using Process process = Start(fileName, args, workingDirectory, out StringBuilder output);
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in {timeout}. Output so far:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>Starts a process; its standard output and error go to <paramref name="output"/>, or its standard error to
    /// <paramref name="errorOutput"/> when one is given.</summary>
    public static Process Start(string fileName, IEnumerable<string> args, string? workingDirectory, out StringBuilder output, StringBuilder? errorOutput = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoRoot,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Build servers would outlive the build holding our pipes open; the test host's MSBuild settings must not leak in.
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["UseSharedCompilation"] = "false";
        info.Environment.Remove("MSBuildExtensionsPath");
        info.Environment.Remove("MSBUILD_EXE_PATH");
        info.Environment.Remove("MSBuildSDKsPath");
        info.Environment.Remove("VSTEST_HOST_DEBUG");

        var text = new StringBuilder();
        output = text;
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(text, e.Data);
        process.ErrorDataReceived += (_, e) => Append(errorOutput ?? text, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>What has been written so far.</summary>
    public static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails after <paramref name="limit"/> with <paramref name="what"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit, Func<string> what)
    {
        var elapsed = Stopwatch.StartNew();
        while (!condition())
        {
            if (elapsed.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit} for {what()}");
            }

            await Task.Delay(20);
        }
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }

    private static Task CheckBuilt()
    {
        foreach (string app in new[] { "ConsoleApp", "WebApp" })
        {
            string dll = Path.Combine(Output(app), app + ".dll");
            if (!File.Exists(dll))
            {
                return Task.FromException(new InvalidOperationException($"{dll} is missing: the fixture apps are built with Forklift.Runtime.Tests.csproj ({Configuration}); build it instead of running with --no-build on a clean tree."));
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<string> PublishSingleFileAsync()
    {
        await EnsureBuiltAsync();
        string project = Path.Combine(FixturesDirectory, "ConsoleApp", "ConsoleApp.csproj");
        string output = Path.Combine(FixturesDirectory, "ConsoleApp", "bin", "singlefile");
        string rid = RuntimeInformation.RuntimeIdentifier;
        (int exit, string log) = await RunAsync(Dotnet, ["publish", project, "-c", Configuration, "-r", rid, "--self-contained", "-p:PublishSingleFile=true", "-o", output, "--disable-build-servers", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:BuildProjectReferences=false"], BuildTimeout);
        if (exit != 0)
        {
            throw new InvalidOperationException($"Publishing the single-file app failed:\n{log}");
        }

        return Path.Combine(output, OperatingSystem.IsWindows() ? "ConsoleApp.exe" : "ConsoleApp");
    }

    private static string FindRepoRoot()
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
}
