using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Forklift.Samples.Tests;

/// <summary>A sample running as a long-lived process, with its output collected line by line and waitable.</summary>
internal sealed class SampleProcess : IAsyncDisposable
{
    private static readonly TimeSpan Wait = SampleRunner.DefaultTimeout;

    private readonly StringBuilder _output = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waiters = [];

    private SampleProcess(Process process) => Process = process;

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static Task<SampleProcess> StartAsync(string sample, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = SampleRunner.SampleDirectory(sample),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SampleRunner.SampleDll(sample));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Assert.True(File.Exists(start.ArgumentList[0]), $"{start.ArgumentList[0]} is missing: build the solution first.");
        var app = new SampleProcess(new Process { StartInfo = start });
        app.Process.OutputDataReceived += (_, e) => app.OnLine(e.Data);
        app.Process.ErrorDataReceived += (_, e) => app.OnLine(e.Data);
        app.Process.Start();
        app.Process.BeginOutputReadLine();
        app.Process.BeginErrorReadLine();
        return Task.FromResult(app);
    }

    /// <summary>Waits until <paramref name="pid"/> has exited (a zombie counts as exited: it runs nothing).</summary>
    public static async Task WaitUntilGoneAsync(int pid)
    {
        DateTime deadline = DateTime.UtcNow + Wait;
        while (File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"worker {pid} outlived its app by {Wait}");
            await Task.Delay(20);
        }
    }

    public async Task<Match> WaitForLineAsync(Regex pattern)
    {
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            Match already = pattern.Match(_output.ToString());
            if (already.Success)
            {
                return already;
            }

            _waiters.Add((pattern, found));
        }

        Task exited = Process.WaitForExitAsync();
        Task first = await Task.WhenAny(found.Task, exited, Task.Delay(Wait));
        Assert.True(first == found.Task, $"no line matching {pattern} within {Wait}.\n{Describe()}");
        return await found.Task;
    }

    public void SendSigterm()
    {
        using Process kill = System.Diagnostics.Process.Start("kill", ["-TERM", Process.Id.ToString()])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task<int> WaitForExitAsync()
    {
        await Process.WaitForExitAsync().WaitAsync(Wait);
        return Process.ExitCode;
    }

    public string Describe() => $"--- output of the app\n{Output}";

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                Match match = _waiters[i].Pattern.Match(line);
                if (match.Success)
                {
                    _waiters[i].Found.TrySetResult(match);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
