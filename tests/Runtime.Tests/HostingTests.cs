using System.Diagnostics;

namespace Forklift.Runtime.Tests;

/// <summary>
/// Workers start without any change to Main in each way a framework-dependent app runs. (Test-assembly hosting under
/// <c>dotnet test</c> is proven by every other test class.)
/// </summary>
public sealed class HostingTests
{
    private static readonly TimeSpan OrphanExitLimit = TimeSpan.FromSeconds(30);

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

            parent.Kill(); // SIGKILL: no handler in the parent runs.
            await parent.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));

            // The workers are not our children, so their exit is polled. The bound only keeps a worker that never exits
            // from hanging the run; how fast they go is measured, not asserted (a loaded CI machine is slow).
            var sinceKill = Stopwatch.StartNew();
            while (workers.Any(IsAlive) && sinceKill.Elapsed < OrphanExitLimit)
            {
                await Task.Delay(20);
            }

            Assert.All(workers, pid => Assert.False(IsAlive(pid), $"worker {pid} outlived its parent by {OrphanExitLimit}"));
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

    private static bool IsAlive(int pid)
    {
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
}
