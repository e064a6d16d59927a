using System.Diagnostics;
using System.Text;

namespace Forklift.Package.Tests;

/// <summary>Runs a command to completion with a timeout and captures everything it prints.</summary>
internal static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output)
    {
        public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}{Output}";
    }

    public static async Task<Result> RunAsync(string fileName, string arguments, string workingDirectory, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // The consumer must see only what a user's machine sees, not the MSBuild state of the test run that started it.
        foreach (string name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "VSTEST_HOST_DEBUG" })
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {arguments}' did not finish within {timeout}. Output so far:{Environment.NewLine}{output}");
        }

        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }

    public static Task<Result> DotnetAsync(string arguments, string workingDirectory, TimeSpan? timeout = null)
        => RunAsync("dotnet", arguments, workingDirectory, timeout ?? TimeSpan.FromMinutes(5));
}
