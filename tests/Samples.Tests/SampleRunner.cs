using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Forklift.Samples.Tests;

/// <summary>Runs a sample's built dll with <c>dotnet</c> and captures what it prints.</summary>
internal static class SampleRunner
{
    /// <summary>Generous: the slowest sample takes a few seconds; a shared CI machine can be several times slower.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The configuration this test assembly was built in; the solution build builds the samples in the same one.</summary>
    public static string Configuration { get; } =
        typeof(SampleRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public static string SampleDirectory(string sample) => Path.Combine(RepoRoot, "samples", sample);

    public static string SampleDll(string sample) =>
        Path.Combine(SampleDirectory(sample), "bin", Configuration, "net10.0", sample + ".dll");

    /// <summary>Runs the sample with its output redirected, as CI and logs see it.</summary>
    public static Task<SampleResult> RunAsync(string sample, TimeSpan? timeout = null, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = SampleDirectory(sample) };
        start.ArgumentList.Add(ExistingDll(sample));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return RunAsync(sample, start, timeout);
    }

    /// <summary>
    /// Runs the sample on a pseudo-terminal, as a person at a terminal sees it, through util-linux <c>script</c>
    /// (<c>-e</c> returns the sample's exit code). Its output includes the terminal control sequences.
    /// </summary>
    public static Task<SampleResult> RunInTerminalAsync(string sample, TimeSpan? timeout = null, params string[] arguments)
    {
        string command = string.Join(' ', new[] { "dotnet", ExistingDll(sample) }.Concat(arguments).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var start = new ProcessStartInfo("script") { WorkingDirectory = SampleDirectory(sample) };
        foreach (string argument in new[] { "-q", "-e", "-c", command, "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TERM"] = "xterm-256color";
        start.Environment["COLUMNS"] = "120";
        return RunAsync(sample, start, timeout);
    }

    private static string ExistingDll(string sample)
    {
        string dll = SampleDll(sample);
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution (or this test project) in {Configuration} first.");
        return dll;
    }

    private static async Task<SampleResult> RunAsync(string sample, ProcessStartInfo start, TimeSpan? timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timer = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Fail($"{sample} did not exit within {timeout ?? DefaultTimeout}. Output so far:\n{stdout}\n{stderr}");
        }

        // WaitForExitAsync also waits for the redirected streams to reach their end.
        return new SampleResult(process.ExitCode, stdout.ToString(), stderr.ToString(), process.Id);
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Analyzers.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>What a sample did: its exit code and output.</summary>
internal sealed record SampleResult(int ExitCode, string Output, string Error, int ProcessId)
{
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string Describe() => $"exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";

    public void AssertSucceeded() => Assert.True(ExitCode == 0 && Error.Length == 0, Describe());
}
