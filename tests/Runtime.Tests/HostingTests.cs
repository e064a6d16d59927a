using System.Diagnostics;
using Xunit.Abstractions;

namespace Forklift.Runtime.Tests;

/// <summary>
/// Workers start without any change to Main in each way a framework-dependent app runs. (Test-assembly hosting under
/// <c>dotnet test</c> is proven by every other test class.)
/// </summary>
public sealed class HostingTests(ITestOutputHelper log)
{
    private static readonly TimeSpan OrphanExitLimit = TimeSpan.FromSeconds(30);

    /// <summary>The promise: every worker exits within 2 seconds of its parent's death.</summary>
    private static readonly TimeSpan OrphanExitBound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Console_app_under_dotnet_run()
    {
        await FixtureApps.EnsureBuiltAsync();
        string project = Path.Combine(FixtureApps.FixturesDirectory, "ConsoleApp", "ConsoleApp.csproj");

        (int exit, string output) = await FixtureApps.RunAsync(FixtureApps.Dotnet, ["run", "--project", project, "-c", FixtureApps.Configuration, "--no-build"], FixtureApps.RunTimeout);

        Assert.True(exit == 0, output);
        Assert.Contains("RESULT 49", output);
    }

    [Fact]
    public async Task Console_app_under_dotnet_app_dll()
    {
        await FixtureApps.EnsureBuiltAsync();

        (int exit, string output) = await FixtureApps.RunAsync(FixtureApps.Dotnet, [Path.Combine(FixtureApps.Output("ConsoleApp"), "ConsoleApp.dll")], FixtureApps.RunTimeout);

        Assert.True(exit == 0, output);
        Assert.Contains("RESULT 49", output);
    }

    [Fact]
    public async Task Console_app_through_its_apphost()
    {
        await FixtureApps.EnsureBuiltAsync();
        string apphost = Path.Combine(FixtureApps.Output("ConsoleApp"), OperatingSystem.IsWindows() ? "ConsoleApp.exe" : "ConsoleApp");

        (int exit, string output) = await FixtureApps.RunAsync(apphost, [], FixtureApps.RunTimeout);

        Assert.True(exit == 0, output);
        Assert.Contains("RESULT 49", output);
    }

    [Fact]
    public async Task Self_contained_single_file_app_with_the_Main_guard()
    {
        string executable = await FixtureApps.PublishSingleFileAppAsync();
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(executable)!, "Forklift.dll")));

        (int exit, string output) = await FixtureApps.RunAsync(executable, [], FixtureApps.RunTimeout);

        Assert.True(exit == 0, output);
        Assert.Contains("RESULT 49", output);
    }

    [Fact]
    public async Task AspNet_app_calls_the_pool_from_a_request()
    {
        await FixtureApps.EnsureBuiltAsync();

        (int exit, string output) = await FixtureApps.RunAsync(FixtureApps.Dotnet, [Path.Combine(FixtureApps.Output("WebApp"), "WebApp.dll")], FixtureApps.RunTimeout);

        Assert.True(exit == 0, output);
        Assert.Contains("RESULT 81", output);
    }

    [Fact]
    public async Task Workers_exit_when_their_parent_is_killed_with_SIGKILL()
    {
        await FixtureApps.EnsureBuiltAsync();
        using Process parent = FixtureApps.Start(FixtureApps.Dotnet, [Path.Combine(FixtureApps.Output("ConsoleApp"), "ConsoleApp.dll"), "hold"], null, out var output);
        int[] workers = [];
        try
        {
            var deadline = Stopwatch.StartNew();
            while (workers.Length == 0 && deadline.Elapsed < FixtureApps.RunTimeout && !parent.HasExited)
            {
                await Task.Delay(100);
                string text;
                lock (output)
                {
                    text = output.ToString();
                }

                if (text.Split('\n').FirstOrDefault(l => l.StartsWith("PIDS ", StringComparison.Ordinal)) is string line)
                {
                    workers = line[5..].Trim().Split(' ').Select(int.Parse).ToArray();
                }
            }

            Assert.True(workers.Length == 2, "The parent did not report its workers:\n" + output);
            Assert.All(workers, pid => Assert.True(IsAlive(pid)));

            var sinceKill = Stopwatch.StartNew();
            parent.Kill(); // SIGKILL: no handler in the parent runs.
            await parent.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));

            // The workers are not our children, so their exit is polled, up to a limit that only keeps a worker that
            // never exits from hanging the run. The bound is 2 s; they take 15-60 ms here (EOF on their input
            // pipe), so the assertion has a wide margin even on a loaded machine.
            while (workers.Any(IsAlive) && sinceKill.Elapsed < OrphanExitLimit)
            {
                await Task.Delay(20);
            }

            TimeSpan gone = sinceKill.Elapsed;
            log.WriteLine($"Both workers were gone {gone.TotalMilliseconds:N0} ms after the parent's SIGKILL (polled every 20 ms).");
            Assert.All(workers, pid => Assert.False(IsAlive(pid), $"worker {pid} outlived its parent by {OrphanExitLimit}"));
            Assert.True(gone < OrphanExitBound, $"The workers took {gone.TotalMilliseconds:N0} ms to exit after their parent was killed; the bound is {OrphanExitBound.TotalMilliseconds:N0} ms.");
        }
        finally
        {
            if (!parent.HasExited)
            {
                parent.Kill(entireProcessTree: true);
            }

            foreach (int pid in workers.Where(IsAlive))
            {
                Process.GetProcessById(pid).Kill();
            }
        }
    }

    [Fact]
    public async Task Worker_standard_output_and_error_reach_the_apps_own_standard_output_and_error()
    {
        await FixtureApps.EnsureBuiltAsync();
        var error = new System.Text.StringBuilder();
        using Process app = FixtureApps.Start(FixtureApps.Dotnet, [Path.Combine(FixtureApps.Output("ConsoleApp"), "ConsoleApp.dll"), "print"], null, out var output, error);

        await app.WaitForExitAsync().WaitAsync(FixtureApps.RunTimeout);
        app.WaitForExit();

        string stdout = FixtureApps.Read(output);
        string stderr = FixtureApps.Read(error);
        Assert.True(app.ExitCode == 0, stdout + stderr);
        Assert.Contains("RESULT 5", stdout);
        Assert.Contains("WORKER-STDOUT 5", stdout);
        Assert.DoesNotContain("WORKER-STDOUT", stderr);
        Assert.Contains("WORKER-STDERR 5", stderr);
        Assert.DoesNotContain("WORKER-STDERR", stdout);
    }

    [Fact]
    public async Task Ctrl_C_to_the_process_group_reaches_the_app_but_not_its_workers_so_the_app_drains()
    {
        await FixtureApps.EnsureBuiltAsync();
        string dir = Directory.CreateTempSubdirectory("forklift-ctrlc-").FullName;

        // setsid: the app leads a process group of its own, as a shell gives a foreground job, so the SIGINT below
        // reaches that group and not the test host's. env --default-signal=INT: a foreground job has SIGINT's default
        // disposition, but a test run started as a background job of a non-interactive shell ('bash .ci/run &')
        // inherits SIGINT ignored, the runtime then installs no handler for it (as for any program run with nohup or
        // '&'), and the app never sees Ctrl+C: no reaction to 12 signals in a minute, as in a CI run started that way
        // (an earlier run at load 17 had the same symptom).
        using Process app = FixtureApps.Start("env", ["--default-signal=INT", "setsid", FixtureApps.Dotnet, Path.Combine(FixtureApps.Output("ConsoleApp"), "ConsoleApp.dll"), "drain", dir], null, out var output);
        try
        {
            string started = Path.Combine(dir, "started");
            await FixtureApps.WaitUntilAsync(() => File.Exists(started) && File.ReadAllText(started).Length > 0, FixtureApps.RunTimeout, () => "the call to start in a worker:\n" + FixtureApps.Read(output));
            int worker = int.Parse(File.ReadAllText(started), System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(IgnoresSigint(app.Id), "the app ignores SIGINT, as a background job does, so no Ctrl+C can reach it");

            // What a terminal does on Ctrl+C: SIGINT to every process of the foreground process group. A user whose
            // first Ctrl+C shows nothing presses it again; every repeat must leave the workers alone just the same.
            var seen = Stopwatch.StartNew();
            var signals = 0;
            while (!FixtureApps.Read(output).Contains("CTRL+C", StringComparison.Ordinal))
            {
                Assert.False(app.HasExited, $"the app exited (code {(app.HasExited ? app.ExitCode : 0)}) after {signals} SIGINT without handling one:\n{FixtureApps.Read(output)}");
                Assert.True(seen.Elapsed < FixtureApps.RunTimeout, $"the app did not see Ctrl+C after {signals} SIGINT in {FixtureApps.RunTimeout}:\n{FixtureApps.Read(output)}");
                (int killed, string killOutput) = await FixtureApps.RunAsync("kill", ["-s", "INT", "--", $"-{app.Id}"], FixtureApps.RunTimeout);
                Assert.True(killed == 0, killOutput);
                signals++;
                var sinceSignal = Stopwatch.StartNew();
                while (sinceSignal.Elapsed < TimeSpan.FromSeconds(5) && !app.HasExited && !FixtureApps.Read(output).Contains("CTRL+C", StringComparison.Ordinal))
                {
                    await Task.Delay(20);
                }
            }

            File.WriteAllText(Path.Combine(dir, "release"), string.Empty);
            await app.WaitForExitAsync().WaitAsync(FixtureApps.RunTimeout);
            app.WaitForExit();

            string text = FixtureApps.Read(output);
            Assert.Contains($"DRAINED {worker}", text);
            Assert.Equal(0, app.ExitCode);
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
            }

            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Whether the process ignores SIGINT (signal 2): bit 1 of the SigIgn mask in /proc/&lt;pid&gt;/status.</summary>
    private static bool IgnoresSigint(int pid)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
            {
                ulong ignored = ulong.Parse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
                return (ignored & (1UL << 1)) != 0;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no SigIgn line");
    }

    private static bool IsAlive(int pid)
    {
        // An orphaned worker that has exited stays a zombie until the machine's init reaps it, which here takes up to
        // two seconds; /proc says it is dead ("Z") long before the process entry goes away.
        if (OperatingSystem.IsLinux() && IsZombie(pid))
        {
            return false;
        }

        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ..."; comm may contain spaces and parentheses, the state follows the last ')'.
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int end = stat.LastIndexOf(')');
            return end > 0 && end + 2 < stat.Length && stat[end + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
